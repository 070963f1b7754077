import * as oauth from 'oauth4webapi';
import { isLoopbackHost } from '../../app/loopback.js';
import { UpstreamRefreshRejected, type UpstreamFlowSecrets, type UpstreamTokens } from './types.js';

/** The client side of one upstream: who we are there and how we authenticate. */
export interface UpstreamClientSettings {
  name: string;
  clientId: string;
  clientSecret?: string;
  authMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  scopes: string[];
  authorizationParams: Record<string, string>;
  pkce: boolean;
}

/**
 * Errors after which a refresh token is dead for good. `bad_refresh_token` is GitHub's word for
 * `invalid_grant`; anything else (5xx, network, `temporarily_unavailable`) may pass.
 */
const PERMANENT_REFRESH_ERRORS = new Set(['invalid_grant', 'bad_refresh_token', 'unauthorized_client', 'invalid_client']);

/** http is accepted only to this machine (the config refuses it elsewhere); oauth4webapi must be told. */
export function requestOptions(as: oauth.AuthorizationServer): { [oauth.allowInsecureRequests]?: boolean; [oauth.customFetch]: typeof fetch } {
  const insecure = new URL(as.issuer).protocol === 'http:' && isLoopbackHost(new URL(as.issuer).hostname);
  return { ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}), [oauth.customFetch]: errorsAsStatus };
}

/**
 * Some providers (GitHub) answer token-endpoint errors with HTTP 200 and an `error` member. Give
 * such answers a 400 so they are read as the OAuth errors they are.
 */
async function errorsAsStatus(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> {
  const response = await fetch(input, { ...init, redirect: 'manual' });
  if (response.status !== 200 || !response.headers.get('content-type')?.includes('json')) return response;
  const body = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const isError = typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: unknown }).error === 'string';
  return new Response(body, { status: isError ? 400 : 200, headers: response.headers });
}

export function clientOf(settings: UpstreamClientSettings): oauth.Client {
  return { client_id: settings.clientId, token_endpoint_auth_method: settings.authMethod };
}

export function clientAuth(settings: UpstreamClientSettings): oauth.ClientAuth {
  if (settings.authMethod === 'none' || settings.clientSecret === undefined) return oauth.None();
  return settings.authMethod === 'client_secret_post' ? oauth.ClientSecretPost(settings.clientSecret) : oauth.ClientSecretBasic(settings.clientSecret);
}

/** The upstream authorization request: our state, PKCE S256, the nonce for OIDC, the scopes. */
export async function authorizationUrl(
  as: oauth.AuthorizationServer,
  settings: UpstreamClientSettings,
  secrets: UpstreamFlowSecrets,
  redirectUri: string,
): Promise<URL> {
  if (!as.authorization_endpoint) throw new Error(`${settings.name}: the upstream has no authorization_endpoint`);
  const url = new URL(as.authorization_endpoint);
  const params: Record<string, string> = {
    ...settings.authorizationParams,
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    state: secrets.state,
  };
  if (settings.scopes.length > 0) params.scope = settings.scopes.join(' ');
  if (settings.pkce) {
    params.code_challenge = await oauth.calculatePKCECodeChallenge(secrets.codeVerifier);
    params.code_challenge_method = 'S256';
  }
  if (secrets.nonce) params.nonce = secrets.nonce;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

/** Validates the callback (state, `iss`, error) and redeems the code. */
export async function redeemCallback(
  as: oauth.AuthorizationServer,
  settings: UpstreamClientSettings,
  callback: URL,
  secrets: UpstreamFlowSecrets,
  redirectUri: string,
): Promise<oauth.TokenEndpointResponse> {
  const client = clientOf(settings);
  const params = oauth.validateAuthResponse(as, client, callback.searchParams, secrets.state);
  const verifier = settings.pkce ? secrets.codeVerifier : oauth.nopkce;
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth(settings), params, redirectUri, verifier, requestOptions(as));
  return oauth.processAuthorizationCodeResponse(as, client, response, secrets.nonce ? { expectedNonce: secrets.nonce, requireIdToken: true } : {});
}

export async function refreshTokens(as: oauth.AuthorizationServer, settings: UpstreamClientSettings, refreshToken: string, now: number): Promise<UpstreamTokens> {
  const client = clientOf(settings);
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth(settings), refreshToken, requestOptions(as));
    const result = await oauth.processRefreshTokenResponse(as, client, response);
    // A provider that does not rotate keeps the refresh token valid: carry it over.
    return tokensFrom(result, now, refreshToken);
  } catch (cause) {
    if (cause instanceof oauth.ResponseBodyError && PERMANENT_REFRESH_ERRORS.has(cause.error)) {
      throw new UpstreamRefreshRejected(settings.name, cause.error);
    }
    throw cause;
  }
}

export function tokensFrom(response: oauth.TokenEndpointResponse, now: number, previousRefresh?: string): UpstreamTokens {
  const refreshToken = response.refresh_token ?? previousRefresh;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type ?? 'bearer',
    ...(refreshToken ? { refreshToken } : {}),
    ...(typeof response.expires_in === 'number' ? { expiresAt: now + response.expires_in * 1000 } : {}),
    ...(typeof response.scope === 'string' ? { scope: response.scope } : {}),
  };
}
