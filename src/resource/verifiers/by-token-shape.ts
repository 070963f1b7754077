import { OAuthError } from '../../errors/oauth-error.js';
import type { TokenVerifier } from '../principal.js';
import { isApiKey } from './api-keys.js';

export interface TokenShapeRoutes {
  apiKey?: TokenVerifier;
  jwt?: TokenVerifier;
  opaque?: TokenVerifier;
}

const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/**
 * Sends each token to the one verifier its shape calls for: `ghk_…` to the API keys (never parsed
 * as a JWT), three dot-separated segments to the JWT verifier, anything else to the opaque one.
 * A shape with no verifier configured is an invalid token, not an error.
 */
export function verifierByTokenShape(routes: TokenShapeRoutes): TokenVerifier {
  return {
    async verify(token) {
      const verifier = isApiKey(token) ? routes.apiKey : JWS_COMPACT.test(token) ? (routes.jwt ?? routes.opaque) : routes.opaque;
      if (!verifier) throw new OAuthError('invalid_token', 'This kind of token is not accepted here.');
      return verifier.verify(token);
    },
  };
}
