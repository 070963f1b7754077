import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { threadCalls } from '../../src/runtime/thread-calls.js';

// Doubles each number it is sent; exits when sent a negative one, without answering.
const DOUBLER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (calls) => {
  if (calls.some((c) => c.n < 0)) process.exit(3);
  parentPort.postMessage(calls.map((c) => ({ id: c.id, value: c.n * 2 })));
});`;

function doubler() {
  const worker = new Worker(DOUBLER, { eval: true });
  const calls = threadCalls<{ id: number; n: number }, number>(worker, {
    name: 'the doubling thread',
    send: (batch) => worker.postMessage(batch),
    answers: (message) => message as Array<{ id: number; value: number }>,
  });
  return { worker, calls };
}

describe('calls to a worker thread (threadCalls)', () => {
  it('settles each call with its own answer, the calls of one turn sent as one message', async () => {
    const { worker, calls } = doubler();
    let messages = 0;
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (value: unknown) => (messages++, post(value));
    assert.deepEqual(await Promise.all([1, 2, 3].map((n) => calls.call((id) => ({ id, n })))), [2, 4, 6]);
    assert.equal(messages, 1);
    await worker.terminate();
  });

  it('sends the calls of a busy turn 8 to a message, so the thread starts before the turn ends', async () => {
    const { worker, calls } = doubler();
    const sizes: number[] = [];
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (value: unknown) => (sizes.push((value as unknown[]).length), post(value));
    const numbers = Array.from({ length: 20 }, (_, n) => n);
    const answers = numbers.map((n) => calls.call((id) => ({ id, n })));
    assert.deepEqual(sizes, [8, 8], 'two full messages are on their way before the turn ends');
    assert.deepEqual(await Promise.all(answers), numbers.map((n) => n * 2));
    assert.deepEqual(sizes, [8, 8, 4]);
    await worker.terminate();
  });

  it('a thread that ends rejects the calls waiting on it, and every later one, naming the thread', async () => {
    const { calls } = doubler();
    const waiting = calls.call((id) => ({ id, n: 1 }));
    await assert.rejects(calls.call((id) => ({ id, n: -1 })), /the doubling thread has stopped \(exit code 3\)/);
    await assert.rejects(waiting, /the doubling thread has stopped/);
    assert.match(String(calls.stopped), /exit code 3/);
    await assert.rejects(calls.call((id) => ({ id, n: 2 })), /has stopped/);
  });
});
