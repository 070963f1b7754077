import { ConfigError } from '../../errors/config-error.js';
import type { SqlDriver, SqlQueries } from './driver.js';

/**
 * The schema, as numbered migrations shared by SQLite and PostgreSQL (the DDL below is valid in
 * both). Append a new entry to change it; never edit a released one. `schema_version` records
 * what a database has, and a database from a newer Gatehouse is refused rather than guessed at.
 *
 * Tokens, codes and secrets appear only as digests (`*_hash`); `data` is the record as JSON with
 * nothing usable in it (sealed values stay sealed).
 */
export const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE clients (client_id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at BIGINT)`,
    // data is NULL once consumed: the row stays as a tombstone until expires_at.
    `CREATE TABLE codes (code_hash TEXT PRIMARY KEY, grant_id TEXT NOT NULL, data TEXT, expires_at BIGINT NOT NULL)`,
    `CREATE INDEX codes_grant ON codes (grant_id)`,
    `CREATE TABLE grants (grant_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, data TEXT NOT NULL,
       revoked_at BIGINT, expires_at BIGINT NOT NULL)`,
    `CREATE INDEX grants_user ON grants (user_id)`,
    `CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, grant_id TEXT NOT NULL, data TEXT NOT NULL,
       expires_at BIGINT NOT NULL, rotated_at BIGINT, grace_until BIGINT, sealed_response TEXT)`,
    `CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id)`,
    `CREATE TABLE access_tokens (token_hash TEXT PRIMARY KEY, grant_id TEXT NOT NULL, data TEXT NOT NULL,
       expires_at BIGINT NOT NULL)`,
    `CREATE INDEX access_tokens_grant ON access_tokens (grant_id)`,
    `CREATE TABLE consents (user_id TEXT NOT NULL, client_id TEXT NOT NULL, data TEXT NOT NULL,
       PRIMARY KEY (user_id, client_id))`,
    `CREATE TABLE upstream_tokens (user_id TEXT NOT NULL, provider TEXT NOT NULL, data TEXT NOT NULL,
       version BIGINT NOT NULL, PRIMARY KEY (user_id, provider))`,
    `CREATE TABLE signing_keys (kid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at BIGINT)`,
    `CREATE TABLE users (user_id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, data TEXT NOT NULL)`,
    `CREATE TABLE pending (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at BIGINT NOT NULL)`,
    `CREATE TABLE once_keys (namespace TEXT NOT NULL, once_key TEXT NOT NULL, expires_at BIGINT NOT NULL,
       PRIMARY KEY (namespace, once_key))`,
    `CREATE TABLE rate_limits (limit_key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, hits BIGINT NOT NULL,
       expires_at BIGINT NOT NULL)`,
    `CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)`,
    `CREATE TABLE notes (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at BIGINT NOT NULL, data TEXT NOT NULL)`,
    `CREATE INDEX notes_user ON notes (user_id, created_at)`,
  ],
];

/** The tables `sweepExpired` visits: each has an `expires_at` column. */
export const EXPIRING_TABLES = [
  'clients', 'codes', 'grants', 'refresh_tokens', 'access_tokens', 'signing_keys',
  'pending', 'once_keys', 'rate_limits', 'leases',
] as const;

/**
 * Brings the schema up to date in one transaction. `prelude` runs first inside it (PostgreSQL
 * takes an advisory lock and creates its schema there, so two instances starting together do
 * not both migrate).
 */
export async function migrate(driver: SqlDriver, prelude: readonly string[] = []): Promise<void> {
  await driver.transaction(async (q) => {
    for (const statement of prelude) await q.all(statement);
    await q.run('CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)');
    const current = await currentVersion(q);
    if (current > MIGRATIONS.length) {
      throw new ConfigError(
        'store.url',
        `the ${driver.kind} database has schema version ${current}, newer than this Gatehouse knows (${MIGRATIONS.length}); upgrade Gatehouse or point it at another database`,
      );
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      for (const statement of MIGRATIONS[version - 1]!) await q.run(statement);
      await q.run('INSERT INTO schema_version (version) VALUES (?)', [version]);
    }
  });
}

async function currentVersion(q: SqlQueries): Promise<number> {
  const [row] = await q.all<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_version');
  return Number(row?.version ?? 0);
}
