/** Where the token room's endpoints live, relative to the issuer. */
export const TOKEN_PATH = '/token';
export const REVOCATION_PATH = '/revoke';
export const INTROSPECTION_PATH = '/introspect';
export const JWKS_PATH = '/jwks';
/** The conventional alias some verifiers probe. */
export const JWKS_WELL_KNOWN_PATH = '/.well-known/jwks.json';

export interface TokenEndpointUrls {
  token: string;
  revocation: string;
  introspection: string;
  jwks: string;
}

/** Absolute endpoint URLs for an issuer (which has no trailing slash: see src/app/urls.ts). */
export function tokenEndpointUrls(issuer: string): TokenEndpointUrls {
  return {
    token: issuer + TOKEN_PATH,
    revocation: issuer + REVOCATION_PATH,
    introspection: issuer + INTROSPECTION_PATH,
    jwks: issuer + JWKS_PATH,
  };
}
