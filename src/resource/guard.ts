import { OAuthError } from '../errors/oauth-error.js';
import { invalidRequest, invalidToken, noCredentials, type ChallengeContext } from './challenges.js';
import { bearerToken } from './checks/bearer-token.js';
import { checkAudience } from './checks/check-audience.js';
import { checkExpiry } from './checks/check-expiry.js';
import { checkHost } from './checks/check-host.js';
import { checkOrigin, type OriginPolicy } from './checks/check-origin.js';
import { checkSubject } from './checks/check-subject.js';
import type { Principal, TokenVerifier } from './principal.js';

export interface ResourceGuardOptions {
  /** The canonical URL of the protected endpoint: the audience every token must carry. */
  resource: string;
  /** Its protected resource metadata URL, advertised in every challenge. */
  resourceMetadata: string;
  /** Scopes asked for in 401 challenges. */
  scopesSupported: readonly string[];
  verifier: TokenVerifier;
  /** Accepted `Host` names (port-agnostic). */
  allowedHostnames: readonly string[];
  origins: OriginPolicy;
  clockToleranceSeconds?: number;
  now?: () => number;
}

export interface Authenticated {
  principal: Principal;
  token: string;
}

/**
 * The resource-server guard, independent of HTTP frameworks and of any authorization server:
 * the web-standard wrapper (`src/mcp/guard-mcp.ts`) and the Express middleware
 * (`src/mcp/express.ts`) both run these checks, in this order.
 */
export interface ResourceGuard {
  readonly resource: string;
  readonly challenge: ChallengeContext;
  /** Host, then Origin; throws `OAuthError('forbidden')` (403). */
  checkTransport(host: string | null, origin: string | null): void;
  /** Throws an `OAuthError` carrying the RFC 6750 challenge (400/401) when the request is refused. */
  authenticate(authorization: string | null): Promise<Authenticated>;
}

export function createResourceGuard(options: ResourceGuardOptions): ResourceGuard {
  const now = options.now ?? Date.now;
  const toleranceMs = (options.clockToleranceSeconds ?? 30) * 1000;
  const challenge: ChallengeContext = { resourceMetadata: options.resourceMetadata, defaultScopes: options.scopesSupported };
  return {
    resource: options.resource,
    challenge,
    checkTransport(host, origin) {
      checkHost(host, options.allowedHostnames);
      checkOrigin(origin, options.origins);
    },
    async authenticate(authorization) {
      const presented = bearerToken(authorization);
      if ('missing' in presented) throw noCredentials(challenge);
      if ('malformed' in presented) throw invalidRequest(challenge, presented.malformed);
      try {
        const principal = await options.verifier.verify(presented.token);
        checkSubject(principal);
        checkAudience(principal, options.resource);
        checkExpiry(principal, now(), toleranceMs);
        return { principal, token: presented.token };
      } catch (error) {
        if (error instanceof OAuthError && error.code === 'invalid_token') throw invalidToken(challenge, error.description, error);
        throw error;
      }
    },
  };
}
