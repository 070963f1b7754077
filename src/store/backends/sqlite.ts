import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../errors/config-error.js';
import type { Store } from '../contract.js';
import type { Clock } from '../rules.js';
import type { SqlDriver, SqlQueries, SqlValue } from '../sql/driver.js';
import { migrate } from '../sql/migrations.js';
import { createSqlStore } from '../sql/sql-store.js';

/** How long a writer waits for another process's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The embedded backend: one SQLite file (its directory is created), in WAL mode so readers do not
 * block the writer. `synchronous = NORMAL` (the default) keeps every acknowledged write through a
 * crash of the process — in WAL mode a commit is in the log file before it is acknowledged — and
 * leaves only an OS crash or power loss able to undo the last commits; `FULL` adds an fsync per
 * commit for those too. Several processes may share the file: each compare-and-set runs in a
 * `BEGIN IMMEDIATE` transaction.
 */
export async function openSqliteStore(path: string, clock: Clock, synchronous: 'normal' | 'full' = 'normal'): Promise<Store> {
  const file = resolve(path);
  let db: Database.Database;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
  } catch (cause) {
    throw new ConfigError('store.url', `cannot open the SQLite database ${file}: ${(cause as Error).message}`, { cause });
  }
  const driver = sqliteDriver(db, synchronous);
  try {
    await migrate(driver);
  } catch (cause) {
    db.close();
    if (cause instanceof ConfigError) throw cause;
    throw new ConfigError('store.url', `cannot prepare the SQLite database ${file}: ${(cause as Error).message}`, { cause });
  }
  return createSqlStore(driver, clock);
}

function sqliteDriver(db: Database.Database, synchronous: 'normal' | 'full'): SqlDriver {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const direct: SqlQueries = {
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const statement = prepare(sql);
      return statement.reader ? statement.all(...params).length : statement.run(...params).changes;
    },
  };

  // One connection: while a transaction awaits between its statements, nothing else may run on
  // it, or that work would join (and roll back with) the transaction. Calls queue behind it.
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    queued++;
    const result = tail.then(fn).finally(() => queued--);
    tail = result.catch(() => undefined);
    return result;
  };
  const whenFree = <T>(fn: () => Promise<T>): Promise<T> => (queued === 0 ? fn() : exclusive(fn));

  return {
    kind: 'sqlite',
    all: (sql, params) => whenFree(() => direct.all(sql, params)),
    run: (sql, params) => whenFree(() => direct.run(sql, params)),
    transaction: (fn) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    // A FULL checkpoint syncs the WAL, and with it every earlier commit, to the database file.
    makeDurable: () => whenFree(async () => void (synchronous === 'normal' && db.pragma('wal_checkpoint(FULL)'))),
    close: () => exclusive(async () => void db.close()),
  };
}
