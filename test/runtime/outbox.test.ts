import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOutbox } from '../../src/runtime/outbox.js';

describe('messages to another thread (createOutbox)', () => {
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

  it('with maxBatch, sends a full message at once, mid-turn, and the rest when the turn ends', async () => {
    const sent: number[][] = [];
    const outbox = createOutbox<number>((items) => sent.push(items), 3);
    for (let n = 1; n <= 7; n++) outbox.push(n);
    assert.deepEqual(sent, [[1, 2, 3], [4, 5, 6]], 'full messages leave without waiting for the turn');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, [[1, 2, 3], [4, 5, 6], [7]]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sent.length, 3, 'nothing is sent twice');
  });
});
