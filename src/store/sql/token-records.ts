import type { AccessTokenRecord, CodeStore, ConsumeCodeResult, GrantRecord, GrantStore, RefreshTokenRecord, TokenStore } from '../contract.js';
import type { Clock } from '../rules.js';
import type { SqlDriver, SqlQueries } from './driver.js';
import { upsert } from './upsert.js';

type DataRow = { data: string };
type GrantRow = DataRow & { revoked_at: number | null };

/** A grant that is revoked or over kills the tokens that point at it, even before they are deleted. */
const GRANT_USABLE = (table: string) =>
  `NOT EXISTS (SELECT 1 FROM grants g WHERE g.grant_id = ${table}.grant_id AND (g.revoked_at IS NOT NULL OR g.expires_at <= ?))`;

function toGrant(row: GrantRow): GrantRecord {
  const grant = JSON.parse(row.data) as GrantRecord;
  if (row.revoked_at !== null) grant.revokedAt = Number(row.revoked_at);
  return grant;
}

// The writes a code exchange or rotation makes inside its transaction, and the plain saves make alone.
const writeGrant = (q: SqlQueries, grant: GrantRecord) =>
  q.run(
    upsert('grants', ['grant_id'], ['user_id', 'data', 'revoked_at', 'expires_at']),
    [grant.grantId, grant.userId, JSON.stringify(grant), grant.revokedAt ?? null, grant.expiresAt],
  );
const writeRefreshToken = (q: SqlQueries, tokenHash: string, record: RefreshTokenRecord) =>
  q.run(
    upsert('refresh_tokens', ['token_hash'], ['grant_id', 'data', 'expires_at', 'rotated_at', 'grace_until', 'sealed_response']),
    [tokenHash, record.grantId, JSON.stringify(record), record.expiresAt, null, null, null],
  );
const writeAccessToken = (q: SqlQueries, tokenHash: string, record: AccessTokenRecord) =>
  q.run(
    upsert('access_tokens', ['token_hash'], ['grant_id', 'data', 'expires_at']),
    [tokenHash, record.grantId, JSON.stringify(record), record.expiresAt],
  );

type CodeRow = { data: string | null; grant_id: string };
const findCodeRow = async (q: SqlQueries, codeHash: string, now: number): Promise<CodeRow | undefined> =>
  (await q.all<CodeRow>('SELECT data, grant_id FROM codes WHERE code_hash = ? AND expires_at > ?', [codeHash, now]))[0];

/** Spends a code inside the caller's transaction. */
async function spendCode(q: SqlQueries, codeHash: string, now: number): Promise<ConsumeCodeResult> {
  const row = await findCodeRow(q, codeHash, now);
  if (!row) return { status: 'unknown' };
  // The conditional UPDATE is the compare-and-set (and, in PostgreSQL, the row lock a racing
  // caller waits on until this transaction commits): of racing callers, only one changes the row.
  const won = row.data !== null && (await q.run('UPDATE codes SET data = NULL WHERE code_hash = ? AND data IS NOT NULL', [codeHash])) === 1;
  return won ? { status: 'consumed', record: JSON.parse(row.data!) } : { status: 'replayed', grantId: row.grant_id };
}

/** Codes, grants, refresh and opaque access tokens: the operations that must be compare-and-set. */
export function sqlTokenRecords(db: SqlDriver, clock: Clock): CodeStore & GrantStore & TokenStore {
  return {
    async saveCode(codeHash, record) {
      await db.run(
        upsert('codes', ['code_hash'], ['grant_id', 'data', 'expires_at']),
        [codeHash, record.grantId, JSON.stringify(record), record.expiresAt],
      );
    },
    async findCode(codeHash, now) {
      const row = await findCodeRow(db, codeHash, now);
      if (!row) return { status: 'unknown' };
      return row.data !== null ? { status: 'live', record: JSON.parse(row.data) } : { status: 'replayed', grantId: row.grant_id };
    },
    async exchangeCode(codeHash, { grant, refresh, access }, now) {
      return db.transaction(async (q) => {
        const spent = await spendCode(q, codeHash, now);
        if (spent.status !== 'consumed') return spent;
        await writeGrant(q, grant);
        if (refresh) await writeRefreshToken(q, refresh.hash, refresh.record);
        if (access) await writeAccessToken(q, access.hash, access.record);
        return { status: 'exchanged' };
      });
    },
    async consumeCode(codeHash, now) {
      return db.transaction((q) => spendCode(q, codeHash, now));
    },

    async saveGrant(grant) {
      await writeGrant(db, grant);
    },
    async getGrant(grantId) {
      const [row] = await db.all<GrantRow>(
        'SELECT data, revoked_at FROM grants WHERE grant_id = ? AND expires_at > ?',
        [grantId, clock()],
      );
      return row && toGrant(row);
    },
    async revokeGrant(grantId, now) {
      const found = await db.transaction(async (q) => {
        const changed = await q.run(
          'UPDATE grants SET revoked_at = COALESCE(revoked_at, ?) WHERE grant_id = ?',
          [now, grantId],
        );
        await q.run('DELETE FROM refresh_tokens WHERE grant_id = ?', [grantId]);
        await q.run('DELETE FROM access_tokens WHERE grant_id = ?', [grantId]);
        await q.run('DELETE FROM codes WHERE grant_id = ? AND data IS NOT NULL', [grantId]);
        return changed > 0;
      });
      await db.makeDurable();
      return found;
    },
    async listGrantsByUser(userId) {
      const rows = await db.all<GrantRow>(
        'SELECT data, revoked_at FROM grants WHERE user_id = ? AND expires_at > ? ORDER BY grant_id',
        [userId, clock()],
      );
      return rows.map(toGrant);
    },

    async saveRefreshToken(tokenHash, record) {
      await writeRefreshToken(db, tokenHash, record);
    },
    async getRefreshToken(tokenHash, now) {
      const [row] = await db.all<DataRow>(
        `SELECT data FROM refresh_tokens
         WHERE token_hash = ? AND rotated_at IS NULL AND expires_at > ? AND ${GRANT_USABLE('refresh_tokens')}`,
        [tokenHash, now, now],
      );
      return row && JSON.parse(row.data);
    },
    async rotateRefreshToken(oldHash, { nextHash, next, graceSalt, graceMs, access, now }) {
      return db.transaction(async (q) => {
        const [won] = await q.all<DataRow>(
          `UPDATE refresh_tokens SET rotated_at = ?, grace_until = ?, sealed_response = ?
           WHERE token_hash = ? AND rotated_at IS NULL AND expires_at > ? AND ${GRANT_USABLE('refresh_tokens')}
           RETURNING data`,
          [now, now + graceMs, graceSalt, oldHash, now, now],
        );
        if (won) {
          await q.run(
            'INSERT INTO refresh_tokens (token_hash, grant_id, data, expires_at) VALUES (?, ?, ?, ?)',
            [nextHash, next.grantId, JSON.stringify(next), next.expiresAt],
          );
          if (access) await writeAccessToken(q, access.hash, access.record);
          return { status: 'rotated', previous: JSON.parse(won.data) };
        }
        const [spent] = await q.all<{ grant_id: string; data: string; rotated_at: number; grace_until: number | null; sealed_response: string | null }>(
          `SELECT grant_id, data, rotated_at, grace_until, sealed_response FROM refresh_tokens
           WHERE token_hash = ? AND expires_at > ? AND ${GRANT_USABLE('refresh_tokens')}`,
          [oldHash, now, now],
        );
        if (!spent || spent.grace_until === null) return { status: 'unknown' };
        return now < Number(spent.grace_until) && spent.sealed_response !== null
          ? { status: 'grace', graceSalt: spent.sealed_response, rotatedAt: Number(spent.rotated_at), previous: JSON.parse(spent.data) }
          : { status: 'reuse', grantId: spent.grant_id };
      });
    },
    async deleteRefreshToken(tokenHash) {
      await db.run('DELETE FROM refresh_tokens WHERE token_hash = ?', [tokenHash]);
    },
    async saveAccessToken(tokenHash, record) {
      await writeAccessToken(db, tokenHash, record);
    },
    async findAccessToken(tokenHash, now) {
      const [row] = await db.all<DataRow>(
        `SELECT data FROM access_tokens WHERE token_hash = ? AND expires_at > ? AND ${GRANT_USABLE('access_tokens')}`,
        [tokenHash, now, now],
      );
      return row && JSON.parse(row.data);
    },
    async deleteAccessToken(tokenHash) {
      await db.run('DELETE FROM access_tokens WHERE token_hash = ?', [tokenHash]);
    },
  };
}
