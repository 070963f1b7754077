import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOutbox } from '../../src/store/backends/thread-messages.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/contract.js';
import { exited, linesOf, nextLine, spawnTsx } from './contract/children.js';

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

  it('answers a call after close() with an error, not a hang', async () => {
    const other = await openStore(`sqlite:${join(dir, 'closed.db')}`);
    await other.close();
    await assert.rejects(other.listUsers(), /stopped/);
  });

  it('lets a program that never calls close() end by itself', async () => {
    const child = spawnTsx('../fixtures/unclosed-sqlite.ts', [join(dir, 'unclosed.db')]);
    assert.equal(await nextLine(linesOf(child), 'its answer'), 'test');
    await exited(child);
  });
});

describe('messages between the threads', () => {
  it('carry everything sent during one turn of the event loop together, in order; flush() sends at once', async () => {
    const sent: number[][] = [];
    const outbox = createOutbox<number>((items) => sent.push(items));
    outbox.push(1);
    outbox.push(2);
    await Promise.resolve();
    outbox.push(3);
    assert.deepEqual(sent, [], 'nothing leaves before the turn is over');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, [[1, 2, 3]]);
    outbox.push(4);
    outbox.flush();
    outbox.flush();
    assert.deepEqual(sent, [[1, 2, 3], [4]], 'flush sends what is waiting, and nothing when nothing is');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sent.length, 2);
  });
});
