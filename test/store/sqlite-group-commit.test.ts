import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteDriver } from '../../src/store/backends/sqlite-driver.js';
import { openStore } from '../../src/store/open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-group-commit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A driver over a fresh database with one table, and a count of the COMMITs it runs. */
function open() {
  const db = new Database(join(dir, `driver-${files++}.db`));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
  const counted = { commits: 0 };
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    if (sql === 'COMMIT') counted.commits++;
    return exec(sql);
  };
  const driver = sqliteDriver(db, 'normal');
  // What another connection sees: only what is committed.
  const committed = (k: string) => {
    const reader = new Database(db.name, { readonly: true });
    try {
      return reader.prepare('SELECT v FROM t WHERE k = ?').get(k);
    } finally {
      reader.close();
    }
  };
  return { db, driver, counted, committed };
}

/** One call as the store's thread makes it: the call, then its answer once its group is committed. */
const answered = async <T>(driver: ReturnType<typeof open>['driver'], call: () => Promise<T>): Promise<T> => {
  const value = await call();
  await driver.settled();
  return value;
};

describe('SQLite group commit (the store thread\'s driver)', () => {
  it('commits the writes of calls that arrive together once, and answers none of them before that commit', async () => {
    const { driver, counted, committed } = open();
    const seenAtAnswer: unknown[] = [];
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        answered(driver, () => driver.transaction((q) => q.run('INSERT INTO t (k, v) VALUES (?, ?)', [`k${i}`, 'v']))).then(() => {
          seenAtAnswer.push(committed(`k${i}`));
        }),
      ),
    );
    assert.equal(counted.commits, 1);
    assert.ok(seenAtAnswer.every((row) => row !== undefined), 'each write was committed before it was answered');
    await driver.close();
  });

  it('rolls back a failed call alone: the others in its group are committed', async () => {
    const { driver, committed } = open();
    await answered(driver, () => driver.run('INSERT INTO t (k, v) VALUES (?, ?)', ['taken', 'first']));
    const results = await Promise.allSettled([
      answered(driver, () => driver.transaction((q) => q.run('INSERT INTO t (k, v) VALUES (?, ?)', ['a', 'v']))),
      answered(driver, () =>
        driver.transaction(async (q) => {
          await q.run('INSERT INTO t (k, v) VALUES (?, ?)', ['half', 'written']);
          await q.run('INSERT INTO t (k, v) VALUES (?, ?)', ['taken', 'again']);
        }),
      ),
      answered(driver, () => driver.run('INSERT INTO t (k, v) VALUES (?, ?)', ['b', 'v'])),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.ok(committed('a') && committed('b'));
    assert.equal(committed('half'), undefined, 'the failed call left nothing half-written');
    assert.deepEqual(committed('taken'), { v: 'first' });
    await driver.close();
  });

  it('fails every call of a group whose whole transaction SQLite rolled back (as on a full disk), and goes on after it', async () => {
    const { driver, committed } = open();
    const results = await Promise.allSettled([
      answered(driver, () => driver.run('INSERT INTO t (k, v) VALUES (?, ?)', ['before', 'v'])),
      answered(driver, () =>
        driver.transaction(async (q) => {
          // Stands in for an error after which SQLite has rolled back the transaction itself.
          await q.run('ROLLBACK');
          throw new Error('disk full');
        }),
      ),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.match(String((results[0] as PromiseRejectedResult).reason), /rolled back/);
    assert.equal(committed('before'), undefined);
    await answered(driver, () => driver.run('INSERT INTO t (k, v) VALUES (?, ?)', ['after', 'v']));
    assert.ok(committed('after'));
    await driver.close();
  });

  it('reads inside an open group see its writes, and are answered after its commit', async () => {
    const { driver, counted } = open();
    const [, rows] = await Promise.all([
      answered(driver, () => driver.run('INSERT INTO t (k, v) VALUES (?, ?)', ['x', 'v'])),
      answered(driver, () => driver.all<{ v: string }>('SELECT v FROM t WHERE k = ?', ['x'])),
    ]);
    assert.deepEqual(rows, [{ v: 'v' }]);
    assert.equal(counted.commits, 1);
    await driver.close();
  });

  it('commits an open group on close', async () => {
    const { driver, committed } = open();
    const write = driver.run('INSERT INTO t (k, v) VALUES (?, ?)', ['late', 'v']);
    await driver.close();
    await write;
    assert.ok(committed('late'));
  });

  it('checkpoints a revocation into the database file before answering it, among other writes of its group', async () => {
    const file = join(dir, 'revoke-in-group.db');
    const now = Date.now();
    const store = await openStore(`sqlite:${file}`);
    const grant = (grantId: string) => ({ grantId, userId: 'u1', clientId: 'c1', scopes: [], resource: 'https://r.example/mcp', createdAt: now, expiresAt: now + 60_000 });
    await store.saveGrant(grant('g0'));
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => store.saveGrant(grant(`g${i + 1}`))),
      store.revokeGrant('g0', now),
    ]);
    const copy = join(dir, 'revoke-in-group-copy.db');
    copyFileSync(file, copy);
    await store.close();
    const fromFile = await openStore(`sqlite:${copy}`);
    assert.equal((await fromFile.getGrant('g0'))?.revokedAt, now, 'the revocation is in the file without its WAL');
    await fromFile.close();
  });
});
