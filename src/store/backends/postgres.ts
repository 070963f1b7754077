import pg from 'pg';
import { ConfigError } from '../../errors/config-error.js';
import type { Store } from '../contract.js';
import type { Clock } from '../rules.js';
import { numberPlaceholders, type SqlDriver, type SqlQueries, type SqlValue } from '../sql/driver.js';
import { migrate } from '../sql/migrations.js';
import { createSqlStore } from '../sql/sql-store.js';

const INT8_OID = 20;
/** Epoch milliseconds and counts fit a JavaScript number; pg would hand BIGINT back as a string. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL: one schema per Gatehouse (`schema`), created and migrated at start-up under an
 * advisory lock. Compare-and-set operations are transactions whose conditional `UPDATE`s take
 * the row lock, so racing instances serialise on the row (READ COMMITTED re-checks the condition).
 */
export async function openPostgresStore(url: string, schema: string, clock: Clock): Promise<Store> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('store.postgresSchema', 'must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63)');
  }
  const pool = new pg.Pool({
    connectionString: url,
    types,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5000,
    max: 10,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const driver = postgresDriver(pool);
  try {
    await migrate(driver, [
      `SELECT pg_advisory_xact_lock(hashtext('gatehouse-migrate:${schema}'))`,
      `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    ]);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    if (cause instanceof ConfigError) throw cause;
    throw new ConfigError('store.url', `cannot use PostgreSQL at ${describe(url)}: ${(cause as Error).message}`, { cause });
  }
  return createSqlStore(driver, clock);
}

/** The server's address without credentials, for error messages. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

function postgresDriver(pool: pg.Pool): SqlDriver {
  const on = (client: pg.Pool | pg.PoolClient): SqlQueries => ({
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(numberPlaceholders(sql), [...params])).rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(numberPlaceholders(sql), [...params])).rowCount ?? 0;
    },
  });
  return {
    kind: 'postgres',
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async makeDurable() {
      // Every COMMIT is already flushed (synchronous_commit on, the server default).
    },
    close: () => pool.end(),
  };
}
