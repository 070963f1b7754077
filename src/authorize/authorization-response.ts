import type { OAuthError } from '../errors/oauth-error.js';

/**
 * Where the browser goes back to the client (OAuth 2.1 §4.1.2, RFC 9207): the parameters go in
 * the query of the verified redirect URI, and every response — success or error — names the
 * issuer so the client can tell which authorization server answered (mix-up defence).
 */
export function authorizationResponseUrl(redirectUri: string, params: Record<string, string | undefined>, issuer: string): string {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries({ ...params, iss: issuer })) {
    if (value !== undefined) target.searchParams.set(name, value);
  }
  return target.href;
}

export function errorResponseUrl(redirectUri: string, error: OAuthError, state: string | undefined, issuer: string): string {
  return authorizationResponseUrl(redirectUri, { error: error.code, error_description: error.description, state }, issuer);
}
