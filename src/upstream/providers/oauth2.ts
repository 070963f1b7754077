import type * as oauth from 'oauth4webapi';
import { authorizationUrl, redeemCallback, refreshTokens, tokensFrom, type UpstreamClientSettings } from './oauth-client.js';
import type { UpstreamIdentity, UpstreamProvider } from './types.js';

export interface OAuth2Endpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  /** Dotted paths into the userinfo JSON. */
  subjectField: string;
  nameField: string;
  /** The `Accept` header for the userinfo request. */
  userinfoAccept?: string;
  /** RFC 8628 device authorization, where the provider has it (GitHub does). */
  deviceAuthorizationEndpoint?: string;
}

/**
 * A plain OAuth 2.0 provider (no ID token): after the code exchange, who signed in is read from
 * a userinfo-style endpoint with the new access token, through a field mapping.
 */
export function oauth2Provider(endpoints: OAuth2Endpoints, label: string, settings: UpstreamClientSettings, now: () => number): UpstreamProvider {
  const as: oauth.AuthorizationServer = {
    // No issuer identifier exists for plain OAuth 2.0; an `iss` in the callback is then refused.
    issuer: new URL(endpoints.authorizationEndpoint).origin,
    authorization_endpoint: endpoints.authorizationEndpoint,
    token_endpoint: endpoints.tokenEndpoint,
    userinfo_endpoint: endpoints.userinfoEndpoint,
    ...(endpoints.deviceAuthorizationEndpoint ? { device_authorization_endpoint: endpoints.deviceAuthorizationEndpoint } : {}),
  };
  const readSignIn = async (result: oauth.TokenEndpointResponse) => {
    const tokens = tokensFrom(result, now());
    return { tokens, identity: await readIdentity(endpoints, settings.name, tokens.accessToken) };
  };

  return {
    name: settings.name,
    label,
    authorizationEndpoint: async () => endpoints.authorizationEndpoint,
    // No ID token, so no nonce: the state and PKCE carry the binding.
    authorizationUrl: (secrets, redirectUri) => authorizationUrl(as, settings, { state: secrets.state, codeVerifier: secrets.codeVerifier }, redirectUri),
    async finishSignIn(callback, secrets, redirectUri) {
      return readSignIn(await redeemCallback(as, settings, callback, { state: secrets.state, codeVerifier: secrets.codeVerifier }, redirectUri));
    },
    readSignIn,
    authorizationServer: async () => as,
    refresh: (refreshToken) => refreshTokens(as, settings, refreshToken, now()),
    userinfoEndpoint: async () => endpoints.userinfoEndpoint,
  };
}

async function readIdentity(endpoints: OAuth2Endpoints, name: string, accessToken: string): Promise<UpstreamIdentity> {
  const response = await fetch(endpoints.userinfoEndpoint, {
    headers: { authorization: `Bearer ${accessToken}`, accept: endpoints.userinfoAccept ?? 'application/json', 'user-agent': 'Gatehouse' },
    redirect: 'manual',
  });
  if (!response.ok) throw new Error(`${name}: the userinfo endpoint answered ${response.status}`);
  const body = (await response.json()) as unknown;
  const subject = pick(body, endpoints.subjectField);
  if ((typeof subject !== 'string' && typeof subject !== 'number') || String(subject).length === 0) {
    throw new Error(`${name}: userinfo has no "${endpoints.subjectField}"`);
  }
  const displayName = pick(body, endpoints.nameField);
  const email = pick(body, 'email');
  return {
    subject: String(subject),
    displayName: typeof displayName === 'string' && displayName ? displayName : String(subject),
    ...(typeof email === 'string' && email ? { email } : {}),
  };
}

function pick(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}
