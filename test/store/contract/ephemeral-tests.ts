import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '../../../src/crypto/hash.js';
import type { ContractContext } from '../contract.js';
import { aClient, aCode, aGrant, anAccess, aRefresh, aSecret } from './records.js';

export function ephemeralTests({ store, clock, harness }: ContractContext): void {
  describe('pending requests', () => {
    it('peeks without consuming, takes once, and hides an expired one', async () => {
      const now = clock.now;
      const id = newId();
      const record = { kind: 'consent', data: { clientId: 'c', scopes: ['a'], nested: { ok: true } }, expiresAt: now + 1000 };
      await store().putPending(id, record);
      assert.deepEqual(await store().peekPending(id, now), record);
      assert.deepEqual(await store().peekPending(id, now), record);
      assert.deepEqual(await store().takePending(id, now), record);
      assert.equal(await store().takePending(id, now), undefined);
      assert.equal(await store().peekPending(id, now), undefined);

      const late = newId();
      await store().putPending(late, record);
      assert.equal(await store().peekPending(late, now + 1000), undefined);
      assert.equal(await store().takePending(late, now + 1000), undefined);
    });
  });

  describe('rememberOnce', () => {
    it('is true the first time a key is seen in a namespace, false until it expires', async () => {
      const now = clock.now;
      const jti = newId();
      assert.equal(await store().rememberOnce('jti', jti, now + 1000), true);
      assert.equal(await store().rememberOnce('jti', jti, now + 1000), false);
      assert.equal(await store().rememberOnce('state', jti, now + 1000), true, 'namespaces are separate');
      clock.now = now + 1000;
      assert.equal(await store().rememberOnce('jti', jti, now + 2000), true, 'an expired entry is forgotten');
    });

    it('lets one of 50 concurrent callers be first', async () => {
      const key = newId();
      const results = await Promise.all(Array.from({ length: 50 }, () => store().rememberOnce('jti', key, clock.now + 1000)));
      assert.equal(results.filter(Boolean).length, 1);
    });
  });

  describe('rate limits', () => {
    it("counts hits in a fixed window opened by the key's first hit, and starts again after it", async () => {
      const windowMs = 60_000;
      // Deliberately not on a multiple of the window: windows belong to keys, not to the epoch.
      const start = clock.now + 12_345;
      const key = 'ip:' + newId();
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await store().hitRateLimit(key, 3, windowMs, start + i));
      assert.deepEqual(hits.map((h) => [h.allowed, h.count]), [[true, 1], [true, 2], [true, 3], [false, 4]]);
      assert.ok(hits.every((h) => h.resetAt === start + windowMs));
      assert.deepEqual(await store().hitRateLimit(key, 3, windowMs, start + windowMs), { allowed: true, count: 1, resetAt: start + 2 * windowMs });
    });

    it('counts across two instances sharing the backend, without losing concurrent hits', async () => {
      const second = await harness.open(clock);
      try {
        const key = 'ip:' + newId();
        const now = clock.now;
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? second : store()).hitRateLimit(key, 30, 60_000, now)),
        );
        assert.deepEqual(results.map((r) => r.count).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
        assert.equal(results.filter((r) => !r.allowed).length, 10);
      } finally {
        if (second !== store()) await second.close();
      }
    });
  });

  describe('leases', () => {
    it('is held by one holder until released or expired', async () => {
      const now = clock.now;
      const name = 'refresh:' + newId();
      assert.equal(await store().acquireLease(name, 'a', 1000, now), true);
      assert.equal(await store().acquireLease(name, 'b', 1000, now + 1), false);
      assert.equal(await store().acquireLease(name, 'a', 1000, now + 2), true, 'the holder may renew');
      await store().releaseLease(name, 'b');
      assert.equal(await store().acquireLease(name, 'b', 1000, now + 3), false, 'only the holder releases');
      await store().releaseLease(name, 'a');
      assert.equal(await store().acquireLease(name, 'b', 1000, now + 4), true);
      assert.equal(await store().acquireLease(name, 'a', 1000, now + 1003), false);
      assert.equal(await store().acquireLease(name, 'a', 1000, now + 1004), true, 'an expired lease is free');
    });

    it('goes to one of 20 concurrent contenders', async () => {
      const name = 'refresh:' + newId();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store().acquireLease(name, `h${i}`, 5000, clock.now)));
      assert.equal(results.filter(Boolean).length, 1);
    });
  });

  describe('sweepExpired', () => {
    it('deletes expired records of every kind and keeps live ones', async () => {
      const now = clock.now;
      const soon = now + 1000;
      const grant = aGrant(now);
      const ended = aGrant(now, { expiresAt: soon });
      const [code, refresh, access, liveToken] = [aSecret(), aSecret(), aSecret(), aSecret()];
      const client = aClient(now, { expiresAt: soon });
      const pendingId = newId();
      const onceKey = newId();
      const leaseName = 'lease:' + newId();
      await store().saveGrant(grant);
      await store().saveGrant(ended);
      await store().putClient(client);
      await store().saveCode(code.hash, aCode(grant, now, { expiresAt: soon }));
      await store().saveRefreshToken(refresh.hash, aRefresh(grant, now, { expiresAt: soon }));
      await store().saveAccessToken(access.hash, anAccess(grant, now, { expiresAt: soon }));
      await store().saveAccessToken(liveToken.hash, anAccess(grant, now, { expiresAt: soon + 10_000 }));
      await store().putPending(pendingId, { kind: 'login', data: {}, expiresAt: soon });
      await store().rememberOnce('jti', onceKey, soon);
      await store().acquireLease(leaseName, 'a', 1000, now);

      const removed = await store().sweepExpired(soon);
      assert.ok(removed >= 8, `removed ${removed}`);
      // Read as of `now`: only a real deletion makes these absent.
      clock.now = now;
      assert.equal(await store().getClient(client.clientId), undefined);
      assert.equal(await store().getGrant(ended.grantId), undefined);
      assert.deepEqual(await store().consumeCode(code.hash, now), { status: 'unknown' });
      assert.equal(await store().getRefreshToken(refresh.hash, now), undefined);
      assert.equal(await store().findAccessToken(access.hash, now), undefined);
      assert.equal(await store().peekPending(pendingId, now), undefined);
      assert.equal(await store().rememberOnce('jti', onceKey, soon), true);
      assert.equal(await store().acquireLease(leaseName, 'b', 1000, now), true);
      assert.ok(await store().getGrant(grant.grantId));
      assert.ok(await store().findAccessToken(liveToken.hash, now));
    });
  });
}
