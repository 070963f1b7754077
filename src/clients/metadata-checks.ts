import type { TokenEndpointAuthMethod } from '../store/contract.js';
import type { CheckedMetadata, ClientMetadata } from './client-metadata.js';
import { redirectUriKind, redirectUriProblem, type RedirectPolicy } from './redirect-uri-rules.js';

/**
 * The rules between client metadata fields, one named check each. A failed check throws a
 * `MetadataProblem`; the caller turns it into its own error (RFC 7591 codes at `/register`,
 * `invalid_client` for a metadata document).
 */
export class MetadataProblem extends Error {
  constructor(
    readonly code: 'invalid_redirect_uri' | 'invalid_client_metadata',
    message: string,
  ) {
    super(message);
    this.name = 'MetadataProblem';
  }
}

const AUTH_METHODS: readonly TokenEndpointAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];
/** This server issues codes only (OAuth 2.1): no implicit, password or client-credentials clients. */
const GRANT_TYPES = new Set(['authorization_code', 'refresh_token']);
/** Members of a private or symmetric JWK: a client publishes public keys only. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export function checkAuthMethod(meta: ClientMetadata, allowed: readonly TokenEndpointAuthMethod[], fallback: TokenEndpointAuthMethod): TokenEndpointAuthMethod {
  const method = meta.token_endpoint_auth_method ?? fallback;
  if (!AUTH_METHODS.includes(method as TokenEndpointAuthMethod) || !allowed.includes(method as TokenEndpointAuthMethod)) {
    throw new MetadataProblem('invalid_client_metadata', `token_endpoint_auth_method ${JSON.stringify(method)} is not supported here (use one of ${allowed.join(', ')})`);
  }
  return method as TokenEndpointAuthMethod;
}

/** RFC 7591 defaults (`authorization_code`, `code`); every client must be able to run the code flow. */
export function checkGrantAndResponseTypes(meta: ClientMetadata): Pick<CheckedMetadata, 'grant_types' | 'response_types'> {
  const grantTypes = meta.grant_types ?? ['authorization_code'];
  const responseTypes = meta.response_types ?? ['code'];
  const unknownGrant = grantTypes.find((g) => !GRANT_TYPES.has(g));
  if (unknownGrant) throw new MetadataProblem('invalid_client_metadata', `grant_types: ${JSON.stringify(unknownGrant)} is not supported (only authorization_code and refresh_token)`);
  if (!grantTypes.includes('authorization_code')) throw new MetadataProblem('invalid_client_metadata', 'grant_types must include authorization_code');
  if (responseTypes.some((r) => r !== 'code')) throw new MetadataProblem('invalid_client_metadata', 'response_types may only contain "code"');
  return { grant_types: [...new Set(grantTypes)], response_types: ['code'] };
}

/**
 * OpenID Dynamic Client Registration's `application_type`, defaulted for MCP hosts that omit it:
 * a client whose redirects include loopback http or a private-use scheme is native, else web.
 */
export function checkApplicationType(meta: ClientMetadata): 'web' | 'native' {
  if (meta.application_type) return meta.application_type;
  const native = meta.redirect_uris.some((uri) => {
    try {
      return redirectUriKind(new URL(uri)) !== 'https';
    } catch {
      return false;
    }
  });
  return native ? 'native' : 'web';
}

export function checkRedirectUris(uris: readonly string[], policy: RedirectPolicy): void {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri, policy);
    if (problem) throw new MetadataProblem('invalid_redirect_uri', `redirect URI ${JSON.stringify(uri)} ${problem}`);
  }
}

/** `client_uri`, `logo_uri`, `tos_uri`, `policy_uri`: shown to users, so https (or loopback http) only. */
export function checkInformationUris(meta: ClientMetadata): void {
  for (const field of ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri', 'jwks_uri'] as const) {
    const value = meta[field];
    if (value === undefined) continue;
    if (!isWebUrl(value)) throw new MetadataProblem('invalid_client_metadata', `${field} must be an https (or loopback http) URL without fragment or user information`);
  }
}

/** `private_key_jwt` needs exactly one key source; keys are public; no other method carries keys. */
export function checkKeys(meta: ClientMetadata, method: TokenEndpointAuthMethod): void {
  const sources = Number(meta.jwks !== undefined) + Number(meta.jwks_uri !== undefined);
  if (sources > 1) throw new MetadataProblem('invalid_client_metadata', 'jwks and jwks_uri must not both be present');
  if (method === 'private_key_jwt' && sources === 0) throw new MetadataProblem('invalid_client_metadata', 'private_key_jwt needs jwks or jwks_uri');
  if (method !== 'private_key_jwt' && sources > 0) throw new MetadataProblem('invalid_client_metadata', `jwks and jwks_uri are only used with private_key_jwt, not ${method}`);
  for (const key of meta.jwks?.keys ?? []) {
    if (typeof key.kty !== 'string') throw new MetadataProblem('invalid_client_metadata', 'jwks: every key needs a kty');
    if (PRIVATE_JWK_MEMBERS.some((m) => m in key)) throw new MetadataProblem('invalid_client_metadata', 'jwks must hold public keys only');
  }
}

function isWebUrl(value: string): boolean {
  if (value.includes('#')) return false;
  try {
    const url = new URL(value);
    const kind = redirectUriKind(url);
    return (kind === 'https' || kind === 'loopback-http') && !url.username && !url.password;
  } catch {
    return false;
  }
}
