import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExchangeCodeResult, RotateRefreshResult } from '../../../src/store/contract.js';
import type { OpenStoreOptions } from '../../../src/store/open-store.js';
import type { ContractContext } from '../contract.js';
import type { RaceOrder } from '../fixtures/racer.js';
import { exited, linesOf, nextLine, spawnTsx } from './children.js';
import { aCode, aGrant, aRefresh, aSecret, tally } from './records.js';

const GRACE_MS = 30_000;

/** Two processes, 50 concurrent calls each, released together once both have opened the store. */
async function raceInTwoProcesses(order: Omit<RaceOrder, 'calls'>): Promise<Array<(ExchangeCodeResult | RotateRefreshResult) & { nextHash: string }>> {
  const children = [0, 1].map(() => spawnTsx('../fixtures/racer.ts', [JSON.stringify({ ...order, calls: 50 })]));
  const lines = children.map(linesOf);
  await Promise.all(lines.map((l) => nextLine(l, 'ready')));
  for (const child of children) child.stdin!.write('go\n');
  const outputs = await Promise.all(lines.map((l) => nextLine(l, 'its results')));
  await Promise.all(children.map(exited));
  return outputs.flatMap((line) => JSON.parse(line));
}

export function crossProcessTests({ store, clock }: ContractContext, shared: { url: string; options: OpenStoreOptions }): void {
  describe('races between two processes', () => {
    it('lets exactly one of 100 exchanges of one code win across processes; only its refresh token exists', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      await store().saveCode(code.hash, aCode(grant, now));
      const results = await raceInTwoProcesses({ ...shared, op: 'exchangeCode', hash: code.hash, now, grant, next: aRefresh(grant, now) });
      assert.deepEqual(tally(results.map((r) => r.status)), { exchanged: 1, replayed: 99 });
      const live = await Promise.all(results.map(async (r) => (await store().getRefreshToken(r.nextHash, now)) !== undefined));
      assert.deepEqual(results.filter((_, i) => live[i]).map((r) => r.status), ['exchanged']);
      assert.deepEqual(await store().getGrant(grant.grantId), grant);
    });

    it('lets exactly one of 100 rotations of one refresh token win across processes; the rest get grace, later reuse', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const old = aSecret();
      await store().saveGrant(grant);
      await store().saveRefreshToken(old.hash, aRefresh(grant, now));
      const results = await raceInTwoProcesses({
        ...shared, op: 'rotateRefreshToken', hash: old.hash, now, next: aRefresh(grant, now), graceMs: GRACE_MS,
      });
      assert.deepEqual(tally(results.map((r) => r.status)), { rotated: 1, grace: 99 });
      const salts = new Set(results.flatMap((r) => (r.status === 'grace' ? [r.graceSalt] : [])));
      assert.equal(salts.size, 1, 'every duplicate gets the winner\'s salt');
      const late = { nextHash: aSecret().hash, next: aRefresh(grant, now), graceSalt: 'late', graceMs: GRACE_MS, now: now + GRACE_MS };
      assert.deepEqual(await store().rotateRefreshToken(old.hash, late), { status: 'reuse', grantId: grant.grantId });
    });
  });
}
