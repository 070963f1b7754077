import type { EphemeralStore, PendingRecord } from '../contract.js';
import { checkWindow, type Clock } from '../rules.js';
import type { SqlDriver } from './driver.js';
import { EXPIRING_TABLES } from './migrations.js';
import { upsert } from './upsert.js';

/** Short-lived records: pending requests, once-only keys, rate-limit windows, leases; and the sweep. */
export function sqlEphemeralRecords(db: SqlDriver, clock: Clock): EphemeralStore & { sweepExpired(now: number): Promise<number> } {
  return {
    async putPending(id, record) {
      await db.run(
        upsert('pending', ['id'], ['data', 'expires_at']),
        [id, JSON.stringify(record), record.expiresAt],
      );
    },
    async takePending(id, now) {
      const [row] = await db.all<{ data: string; expires_at: number }>(
        'DELETE FROM pending WHERE id = ? RETURNING data, expires_at',
        [id],
      );
      return row && Number(row.expires_at) > now ? (JSON.parse(row.data) as PendingRecord) : undefined;
    },
    async peekPending(id, now) {
      const [row] = await db.all<{ data: string }>('SELECT data FROM pending WHERE id = ? AND expires_at > ?', [id, now]);
      return row && (JSON.parse(row.data) as PendingRecord);
    },
    async rememberOnce(namespace, key, expiresAt) {
      // Inserted, or taken over from an expired entry: either way this caller was first.
      const rows = await db.all(
        `INSERT INTO once_keys (namespace, once_key, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (namespace, once_key) DO UPDATE SET expires_at = excluded.expires_at
           WHERE once_keys.expires_at <= ?
         RETURNING once_key`,
        [namespace, key, expiresAt, clock()],
      );
      return rows.length === 1;
    },
    async hitRateLimit(key, limit, windowMs, now) {
      checkWindow(windowMs);
      // SET expressions read the row as it was: a live window counts on, an ended one restarts.
      const [row] = await db.all<{ hits: number; expires_at: number }>(
        `INSERT INTO rate_limits (limit_key, window_start, hits, expires_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (limit_key) DO UPDATE SET
           hits = CASE WHEN rate_limits.expires_at > excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END,
           window_start = CASE WHEN rate_limits.expires_at > excluded.window_start THEN rate_limits.window_start ELSE excluded.window_start END,
           expires_at = CASE WHEN rate_limits.expires_at > excluded.window_start THEN rate_limits.expires_at ELSE excluded.expires_at END
         RETURNING hits, expires_at`,
        [key, now, now + windowMs],
      );
      const count = Number(row!.hits);
      return { allowed: count <= limit, count, resetAt: Number(row!.expires_at) };
    },
    async acquireLease(name, holder, ttlMs, now) {
      const rows = await db.all(
        `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.expires_at <= ? OR leases.holder = excluded.holder
         RETURNING name`,
        [name, holder, now + ttlMs, now],
      );
      return rows.length === 1;
    },
    async releaseLease(name, holder) {
      await db.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]);
    },
    async sweepExpired(now) {
      return db.transaction(async (q) => {
        let removed = 0;
        for (const table of EXPIRING_TABLES) {
          removed += await q.run(`DELETE FROM ${table} WHERE expires_at <= ?`, [now]);
        }
        return removed;
      });
    },
  };
}
