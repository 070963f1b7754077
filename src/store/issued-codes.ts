import { BoundedCache } from '../runtime/bounded-cache.js';
import type { CodeRecord, Store } from './contract.js';
import { copyRecord, type Clock } from './rules.js';

/** More than the codes a busy instance has outstanding at once (each lives a minute at most). */
const REMEMBERED = 10_000;

/**
 * The store, remembering the authorization codes this instance saved so that their exchange
 * need not read them back: on SQLite that read is ≈10 % of the event loop's time per exchange
 * (every commit of the store thread empties the reading connection's page cache), on Redis and
 * PostgreSQL a round trip (docs/performance.md §12).
 *
 * A remembered record says what the code was issued for, never whether it is still live: it is
 * handed out once, and the exchange's compare-and-set (`exchangeCode`, or `consumeCode` when a
 * check fails) decides, as it does for a record read a moment before. A code spent or revoked
 * meanwhile by another instance (or its grant revoked here) is refused there with the verdict a
 * read would have given: a replay revokes the grant, an unknown code is `invalid_grant`. A code
 * this instance spends is forgotten first, so every later read of it goes to the store.
 */
export function rememberIssuedCodes(store: Store, clock: Clock, capacity = REMEMBERED): Store {
  const codes = new BoundedCache<CodeRecord>(capacity, clock);
  return {
    ...store,
    async saveCode(codeHash, record) {
      await store.saveCode(codeHash, record);
      // The caller may change its object after saving it.
      codes.set(codeHash, copyRecord(record), record.expiresAt);
    },
    async findCode(codeHash, now) {
      const record = codes.take(codeHash);
      return record && record.expiresAt > now ? { status: 'live', record } : store.findCode(codeHash, now);
    },
    exchangeCode(codeHash, exchange, now) {
      codes.delete(codeHash);
      return store.exchangeCode(codeHash, exchange, now);
    },
    consumeCode(codeHash, now) {
      codes.delete(codeHash);
      return store.consumeCode(codeHash, now);
    },
  };
}
