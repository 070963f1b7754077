import type { EphemeralStore } from '../store/contract.js';
import { rateLimited, type RateLimit } from './rate-limit.js';

/**
 * Two budgets per client address, for endpoints that check secrets (`/token`, `/revoke`):
 *
 * - **every request**, counted in this process's memory, so a successful request costs no store
 *   write (a code exchange used to spend one of its four writes on the counter);
 * - **every failed request**, counted in the shared store, so guessing codes, refresh tokens or
 *   client secrets is bounded across all instances, as before.
 *
 * An instance learns that an address is over its shared budget at that address's next failure
 * there, and then refuses it until the shared window ends: a guesser spread over N instances gets
 * at most N more guesses per window than the budget.
 */
export interface AttemptLimiter {
  /** Before the work: 429 if the address is over its budget here or known to be over the shared one. */
  admit(address: string, now: number): void;
  /** After a failed attempt: counts it in the store; 429 if that put the address over the budget. */
  recordFailure(address: string, now: number): Promise<void>;
}

interface Entry {
  count: number;
  resetAt: number;
  /** End of the shared window in which this address ran out of failures. */
  blockedUntil: number;
}

/** Past this many addresses, expired entries are swept; then the oldest go (a flood of addresses). */
const MAX_ADDRESSES = 50_000;

export function createAttemptLimiter(store: EphemeralStore, scope: string, limit: RateLimit): AttemptLimiter {
  const entries = new Map<string, Entry>();

  const entryFor = (address: string, now: number): Entry => {
    let entry = entries.get(address);
    if (!entry) {
      if (entries.size >= MAX_ADDRESSES) evict(entries, now);
      entry = { count: 0, resetAt: now + limit.windowMs, blockedUntil: 0 };
      entries.set(address, entry);
    } else if (entry.resetAt <= now) {
      entry.count = 0;
      entry.resetAt = now + limit.windowMs;
    }
    return entry;
  };

  return {
    admit(address, now) {
      const entry = entryFor(address, now);
      if (entry.blockedUntil > now) throw rateLimited(entry.blockedUntil, now);
      entry.count++;
      if (entry.count > limit.max) throw rateLimited(entry.resetAt, now);
    },
    async recordFailure(address, now) {
      const hit = await store.hitRateLimit(`${scope}:failed:${address}`, limit.max, limit.windowMs, now);
      if (hit.allowed) return;
      entryFor(address, now).blockedUntil = hit.resetAt;
      throw rateLimited(hit.resetAt, now);
    },
  };
}

function evict(entries: Map<string, Entry>, now: number): void {
  for (const [address, entry] of entries) if (entry.resetAt <= now && entry.blockedUntil <= now) entries.delete(address);
  // Still full: forget the oldest (Map order is insertion order). Under such a flood a forgotten
  // address regains its in-process budget; its shared failure count is kept by the store.
  for (const address of entries.keys()) {
    if (entries.size < MAX_ADDRESSES) break;
    entries.delete(address);
  }
}
