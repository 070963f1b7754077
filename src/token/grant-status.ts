import type { Store } from '../store/contract.js';

/** Revocation reaches a co-hosted verifier within this time; revocations in this process at once. */
export const GRANT_STATUS_CACHE_MS = 2_000;
/** Bounds memory under a flood of distinct grant ids; the cache starts over past it. */
const MAX_ENTRIES = 10_000;

/**
 * Whether a grant (the `gid` of a JWT access token) is still live. A JWT cannot be recalled, so
 * a co-hosted guard asks this on every request; the tiny cache keeps that off the store's hot
 * path without letting a revoked grant live on for more than a couple of seconds.
 */
export interface GrantStatus {
  isGrantActive(grantId: string): Promise<boolean>;
  /** Drops a cached answer (called when this process revokes the grant). */
  forget(grantId: string): void;
}

export function createGrantStatus(store: Store, now: () => number, cacheMs = GRANT_STATUS_CACHE_MS): GrantStatus {
  const cache = new Map<string, { active: boolean; until: number }>();
  return {
    async isGrantActive(grantId) {
      const at = now();
      const hit = cache.get(grantId);
      if (hit && hit.until > at) return hit.active;
      const grant = await store.getGrant(grantId);
      const active = grant !== undefined && grant.revokedAt === undefined && grant.expiresAt > at;
      if (cache.size >= MAX_ENTRIES) cache.clear();
      // Revocation and expiry are final, so only a "yes" needs asking again soon.
      cache.set(grantId, { active, until: active ? at + cacheMs : Number.POSITIVE_INFINITY });
      return active;
    },
    forget(grantId) {
      cache.delete(grantId);
    },
  };
}
