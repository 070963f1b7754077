import { BoundedCache } from '../runtime/bounded-cache.js';
import type { RefreshTokenRecord } from '../store/contract.js';
import type { Clock } from '../store/rules.js';

/** More than the families a busy instance rotates between two uses of each; older ones are read from the store. */
const REMEMBERED = 10_000;

/**
 * The records of the refresh tokens this instance issued, by digest, so that the next rotation
 * of each can skip reading it back from the store: on SQLite that read is a hop to the store
 * thread and back, on Redis and PostgreSQL a round trip (SQLite rotations +9–15 % in A/B,
 * docs/performance.md §10). It holds no secret (the records the store keeps, keyed by the
 * token's digest) and decides nothing: a record says who the token was issued to, never whether
 * it is still live. The rotation's compare-and-set in the store decides that, as it does for a
 * record read from the store a moment before. Each record is handed out once (`take`), so a
 * retry of the same token goes to the store, and the oldest are forgotten first.
 */
export interface IssuedRefreshTokens {
  remember(tokenHash: string, record: RefreshTokenRecord): void;
  /** The record of a token this instance issued, not yet expired, and forgets it. */
  take(tokenHash: string): RefreshTokenRecord | undefined;
}

export function createIssuedRefreshTokens(clock: Clock, capacity = REMEMBERED): IssuedRefreshTokens {
  const records = new BoundedCache<RefreshTokenRecord>(capacity, clock);
  return {
    remember: (tokenHash, record) => records.set(tokenHash, record, record.expiresAt),
    take: (tokenHash) => records.take(tokenHash),
  };
}
