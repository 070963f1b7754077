import * as oauth from 'oauth4webapi';
import { authorizationUrl, redeemCallback, refreshTokens, requestOptions, tokensFrom, type UpstreamClientSettings } from './oauth-client.js';
import type { UpstreamIdentity, UpstreamProvider } from './types.js';

/**
 * Any OpenID Connect issuer: discovery (fetched once, again after a failure), PKCE, nonce, and
 * the ID token's claims checked by oauth4webapi (issuer, audience, expiry, nonce, azp). The
 * token came straight from the issuer's token endpoint, so OIDC Core §3.1.3.7 lets the TLS
 * connection stand in for the signature. The user is the ID token's `sub`.
 */
export function oidcProvider(issuer: URL, label: string, settings: UpstreamClientSettings, now: () => number): UpstreamProvider {
  let metadata: Promise<oauth.AuthorizationServer> | undefined;
  const discover = (): Promise<oauth.AuthorizationServer> => {
    metadata ??= (async () => {
      const probe = { issuer: issuer.href } as oauth.AuthorizationServer;
      const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions(probe) });
      return oauth.processDiscoveryResponse(issuer, response);
    })();
    metadata.catch(() => (metadata = undefined));
    return metadata;
  };

  const readSignIn = (result: oauth.TokenEndpointResponse) => {
    const claims = oauth.getValidatedIdTokenClaims(result);
    if (!claims) throw new Error(`${settings.name}: no ID token in the token response`);
    return { tokens: tokensFrom(result, now()), identity: identityFromClaims(claims) };
  };

  return {
    name: settings.name,
    label,
    async authorizationEndpoint() {
      const endpoint = (await discover()).authorization_endpoint;
      if (!endpoint) throw new Error(`${settings.name}: discovery names no authorization_endpoint`);
      return endpoint;
    },
    async authorizationUrl(secrets, redirectUri) {
      return authorizationUrl(await discover(), settings, secrets, redirectUri);
    },
    async finishSignIn(callback, secrets, redirectUri) {
      const as = await discover();
      return readSignIn(await redeemCallback(as, settings, callback, secrets, redirectUri));
    },
    readSignIn: async (result) => readSignIn(result),
    authorizationServer: discover,
    async refresh(refreshToken) {
      return refreshTokens(await discover(), settings, refreshToken, now());
    },
    async userinfoEndpoint() {
      return (await discover()).userinfo_endpoint;
    },
  };
}

function identityFromClaims(claims: oauth.IDToken): UpstreamIdentity {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const email = text(claims.email);
  return {
    subject: claims.sub,
    displayName: text(claims.name) ?? text(claims.preferred_username) ?? email ?? claims.sub,
    ...(email ? { email } : {}),
  };
}
