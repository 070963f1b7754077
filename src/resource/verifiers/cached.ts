import { hashSecret } from '../../crypto/hash.js';
import { OAuthError } from '../../errors/oauth-error.js';
import { BoundedCache } from '../../runtime/bounded-cache.js';
import type { Principal, TokenVerifier } from '../principal.js';

/**
 * Reuses a verification for the same token (a host sends one token many times), so signature
 * checks and introspection calls are paid once. Keyed by the token's digest (the token itself is
 * never kept), an entry lives no longer than the token's `exp` nor the verifier's `maxCacheMs`,
 * and `stillValid` is asked on every hit so a revocation takes effect at once.
 */
export function cachedVerifier(inner: TokenVerifier, options: { maxEntries: number; now?: () => number }): TokenVerifier {
  const now = options.now ?? Date.now;
  const cache = new BoundedCache<Principal>(options.maxEntries, now);
  return {
    ...inner,
    async verify(token) {
      const key = hashSecret(token);
      const hit = cache.get(key);
      if (hit) {
        if (!inner.stillValid || (await inner.stillValid(hit))) return hit;
        cache.delete(key);
        throw new OAuthError('invalid_token', 'The access token has been revoked.');
      }
      const principal = await inner.verify(token);
      const until = Math.min(principal.expiresAt ?? Infinity, now() + (inner.maxCacheMs ?? Infinity));
      if (Number.isFinite(until)) cache.set(key, principal, until);
      return principal;
    },
  };
}
