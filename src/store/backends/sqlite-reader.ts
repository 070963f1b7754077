import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../contract.js';
import type { Clock } from '../rules.js';
import type { SqlDriver, SqlValue } from '../sql/driver.js';
import { createSqlStore } from '../sql/sql-store.js';
import { statementCache } from './sqlite-driver.js';

/**
 * The store's point reads on the request path: each is one `SELECT` by key, with no write and
 * no compare-and-set, so its answer from a committed snapshot is the answer.
 */
export const EVENT_LOOP_READS = ['findCode', 'getRefreshToken', 'findAccessToken', 'getGrant', 'getClient', 'getConsent', 'getUser', 'getUserByName'] as const;
export type EventLoopRead = (typeof EVENT_LOOP_READS)[number];
export type SqliteReader = Pick<Store, EventLoopRead | 'close'>;

/** What a reader refuses to do; never reached through `EVENT_LOOP_READS`. */
const readOnly = async (): Promise<never> => {
  throw new Error('the SQLite reader only reads');
};

/**
 * A read-only connection to the SQLite file on the event loop, beside the store thread that
 * writes it. A point read here costs a few µs of the loop; through the thread it was a message
 * each way and a wait for the thread's turn (and, inside a group, for its commit): the hop a
 * request spends most of its time on under load. In WAL mode a reader sees every committed
 * write and never waits for the writer; the thread answers a write only once it is committed,
 * so a read that follows an acknowledged write sees it. `timeout: 0`: no busy handler, so the
 * event loop does not wait out a lock (SQLite's own brief WAL retries aside); a read that finds
 * the file busy (a WAL reset, another process recovering it) throws `SQLITE_BUSY` or one of its
 * extended codes, and the caller asks the thread instead.
 */
export function openSqliteReader(path: string, clock: Clock): SqliteReader {
  const db = new Database(resolve(path), { readonly: true, fileMustExist: true, timeout: 0 });
  const prepare = statementCache(db);
  const driver: SqlDriver = {
    kind: 'sqlite',
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    run: readOnly,
    transaction: readOnly,
    makeDurable: readOnly,
    close: async () => {
      db.close();
    },
  };
  const store = createSqlStore(driver, clock);
  const reads = Object.fromEntries(EVENT_LOOP_READS.map((method) => [method, store[method]])) as Pick<Store, EventLoopRead>;
  return { ...reads, close: store.close };
}
