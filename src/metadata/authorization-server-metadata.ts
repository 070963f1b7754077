import type { AppDeps } from '../app/deps.js';
import { tokenEndpointUrls } from '../token/endpoints.js';

/** Paths owned by other rooms, published here so that metadata and routes cannot drift apart. */
export const AUTHORIZATION_PATH = '/authorize';
export const REGISTRATION_PATH = '/register';

const AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];
/** Algorithms accepted in `private_key_jwt` assertions (RFC 8414 §2: MUST be listed with that method). */
const ASSERTION_ALGS = ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512', 'EdDSA'];

/**
 * RFC 8414 authorization server metadata, as MCP clients read it: `issuer` byte-identical to
 * the issuer they fetched it for, S256 as the only PKCE method (clients refuse to go on without
 * it), the CIMD and RFC 9207 `iss` flags, and `registration_endpoint` only while DCR is on.
 */
export function authorizationServerMetadata(deps: AppDeps): Record<string, unknown> {
  const issuer = deps.urls.issuer;
  const { clients, tokens } = deps.config.authorizationServer;
  const urls = tokenEndpointUrls(issuer);
  const scopes = deps.config.resource.scopesSupported;
  return {
    issuer,
    authorization_endpoint: issuer + AUTHORIZATION_PATH,
    token_endpoint: urls.token,
    ...(clients.dcr.enabled ? { registration_endpoint: issuer + REGISTRATION_PATH } : {}),
    jwks_uri: urls.jwks,
    revocation_endpoint: urls.revocation,
    introspection_endpoint: urls.introspection,
    ...(scopes.length > 0 ? { scopes_supported: scopes } : {}),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGS,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGS,
    introspection_endpoint_auth_methods_supported: AUTH_METHODS.filter((m) => m !== 'none'),
    introspection_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGS,
    client_id_metadata_document_supported: clients.cimd.enabled,
    authorization_response_iss_parameter_supported: true,
    access_token_signing_alg_values_supported: [tokens.signingAlg],
  };
}
