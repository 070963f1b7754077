import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../errors/config-error.js';
import type { Store } from '../contract.js';
import type { Clock } from '../rules.js';
import { migrate } from '../sql/migrations.js';
import { createSqlStore } from '../sql/sql-store.js';
import { sqliteDriver, type SqliteDriver } from './sqlite-driver.js';

/** How long a writer waits for another process's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The embedded backend: one SQLite file (its directory is created), in WAL mode so readers do not
 * block the writer. `synchronous = NORMAL` (the default) keeps every acknowledged write through a
 * crash of the process — in WAL mode a commit is in the log file before it is acknowledged — and
 * leaves only an OS crash or power loss able to undo the last commits; `FULL` adds an fsync per
 * commit for those too. Several processes may share the file: each group of calls, and with it
 * each compare-and-set, runs in a `BEGIN IMMEDIATE` transaction (`sqlite-driver.ts`). Returns the
 * driver too: its `settled()` tells the thread when an answer may go.
 */
export async function openSqliteStore(path: string, clock: Clock, synchronous: 'normal' | 'full' = 'normal'): Promise<{ store: Store; driver: SqliteDriver }> {
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
    await driver.settled();
  } catch (cause) {
    db.close();
    if (cause instanceof ConfigError) throw cause;
    throw new ConfigError('store.url', `cannot prepare the SQLite database ${file}: ${(cause as Error).message}`, { cause });
  }
  return { store: createSqlStore(driver, clock), driver };
}

