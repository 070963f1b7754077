import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Progress } from '@modelcontextprotocol/client';
import { ERAS, connect } from './connect.js';
import { serveDemo, type ServedDemo } from './serve-demo.js';

let demo: ServedDemo;
before(async () => (demo = await serveDemo()));
after(() => demo.close());

for (const era of ERAS) {
  describe(`countdown (${era} era)`, () => {
    test('reports progress on every tick, then its result', async (t) => {
      const { client, close } = await connect(demo.url, era);
      t.after(close);
      const progress: Progress[] = [];
      const result = await client.callTool({ name: 'countdown', arguments: { from: 3, tickMs: 10 } }, { onprogress: (p) => progress.push(p) });

      assert.deepEqual(progress.map((p) => [p.progress, p.total]), [[0, 3], [1, 3], [2, 3], [3, 3]]);
      assert.equal(progress.at(-1)?.message, 'lift-off');
      assert.equal((result.structuredContent as { from: number }).from, 3);
    });

    test('stops promptly when the client cancels', async (t) => {
      const { client, close } = await connect(demo.url, era);
      t.after(close);
      const cancelledBefore = demo.logs.filter((l) => l.event === 'demo.countdown_cancelled').length;
      const controller = new AbortController();
      const progress: Progress[] = [];

      const call = client.callTool(
        // 600 ticks of 100 ms: a minute of work unless the cancellation reaches the server.
        { name: 'countdown', arguments: { from: 600, tickMs: 100 } },
        { signal: controller.signal, onprogress: (p) => {
          progress.push(p);
          if (progress.length === 2) controller.abort('user gave up');
        } },
      );
      await assert.rejects(call);
      const abortedAt = Date.now();

      while (demo.logs.filter((l) => l.event === 'demo.countdown_cancelled').length === cancelledBefore) {
        assert.ok(Date.now() - abortedAt < 2000, 'the server noticed the cancellation within 2 s');
        await sleep(20);
      }
      assert.equal(progress.length, 2, 'no progress is delivered after the cancellation');
    });
  });
}
