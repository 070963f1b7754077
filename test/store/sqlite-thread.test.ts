import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/contract.js';
import { exited, linesOf, nextLine, spawnTsx } from './contract/children.js';
import { aCode, aGrant } from './contract/records.js';

describe('the SQLite store runs in a thread of its own', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-sqlite-thread-'));
    store = await openStore(`sqlite:${join(dir, 'store.db')}`);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the event loop turning while it writes (in-thread, 2,000 writes ran start to end without one turn)', async () => {
    const now = Date.now();
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    await Promise.all(Array.from({ length: 2000 }, (_, i) => store.putPending(`p-${i}`, { kind: 'load', data: { i }, expiresAt: now + 60_000 })));
    assert.ok(turned, 'the event loop got a turn before the writes were done');
    assert.equal((await store.peekPending('p-1999', now))?.kind, 'load');
  });

  it('answers the point reads of a request on the event loop, not behind the writes queued for the thread', async () => {
    const now = Date.now();
    await store.saveCode('read-here', aCode(aGrant(now), now));
    const order: string[] = [];
    const writes = Promise.all(Array.from({ length: 2000 }, (_, i) => store.putPending(`q-${i}`, { kind: 'load', data: { i }, expiresAt: now + 60_000 }))).then(() => order.push('writes'));
    const read = store.findCode('read-here', now).then((result) => {
      order.push('read');
      return result;
    });
    assert.equal((await read).status, 'live');
    await writes;
    assert.deepEqual(order, ['read', 'writes']);
  });

  it('answers a call after close() with an error, not a hang', async () => {
    const other = await openStore(`sqlite:${join(dir, 'closed.db')}`);
    await other.close();
    await assert.rejects(other.listUsers(), /stopped/);
    await assert.rejects(other.findCode('any', Date.now()), /stopped/, 'a read made on the event loop fails as every other call does');
  });

  it('lets a program that never calls close() end by itself', async () => {
    const child = spawnTsx('../fixtures/unclosed-sqlite.ts', [join(dir, 'unclosed.db')]);
    assert.equal(await nextLine(linesOf(child), 'its answer'), 'test');
    await exited(child);
  });
});
