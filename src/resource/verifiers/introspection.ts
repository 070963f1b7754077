import * as oauth from 'oauth4webapi';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Principal, TokenVerifier } from '../principal.js';

export interface IntrospectionVerifierOptions {
  /** The RFC 7662 endpoint. Plain http is accepted only on loopback (tests, side-cars). */
  endpoint: string;
  clientId: string;
  clientSecret: string;
  /** Upper bound on reuse of an answer (the verified-token cache never keeps it past `exp` either). */
  cacheSeconds: number;
  timeoutMs: number;
}

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
}

/**
 * Opaque tokens of an external authorization server, checked by RFC 7662 introspection with
 * client_secret_basic (oauth4webapi builds the request and validates the answer). Only an
 * `active` token issued for this resource (`aud`) passes; it gets no longer than its `exp`.
 */
export function introspectionVerifier(options: IntrospectionVerifierOptions): TokenVerifier {
  const endpoint = new URL(options.endpoint);
  const as: oauth.AuthorizationServer = { issuer: endpoint.origin, introspection_endpoint: endpoint.href };
  const client: oauth.Client = { client_id: options.clientId };
  const auth = oauth.ClientSecretBasic(options.clientSecret);
  const insecure = endpoint.protocol === 'http:' && isLoopback(endpoint);
  return {
    maxCacheMs: options.cacheSeconds * 1000,
    async verify(token) {
      let answer: oauth.IntrospectionResponse;
      try {
        const response = await oauth.introspectionRequest(as, client, auth, token, {
          signal: AbortSignal.timeout(options.timeoutMs),
          ...(insecure && { [oauth.allowInsecureRequests]: true }),
        });
        answer = await oauth.processIntrospectionResponse(as, client, response);
      } catch (error) {
        throw new OAuthError('temporarily_unavailable', 'The token could not be introspected right now.', { cause: error });
      }
      if (!answer.active) throw new OAuthError('invalid_token', 'The access token is not active.');
      if (answer.token_type !== undefined && !/^(bearer|access_token)$/i.test(answer.token_type)) {
        throw new OAuthError('invalid_token', 'The token is not an access token.');
      }
      const aud = answer.aud === undefined ? [] : typeof answer.aud === 'string' ? [answer.aud] : [...answer.aud];
      const principal: Principal = {
        subject: answer.sub ?? answer.username ?? answer.client_id ?? '',
        clientId: answer.client_id ?? '',
        scopes: answer.scope ? answer.scope.split(' ').filter(Boolean) : [],
        audience: aud,
        ...(answer.exp !== undefined && { expiresAt: answer.exp * 1000 }),
        kind: 'opaque',
      };
      return principal;
    },
  };
}
