import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GrantRecord } from '../../../src/store/contract.js';
import type { ContractContext } from '../contract.js';
import { aCode, aGrant, anAccess, aRefresh, aSecret, HOUR, tally } from './records.js';

const GRACE_MS = 10_000;

export function tokenTests({ store, clock }: ContractContext): void {
  describe('authorization codes', () => {
    it('consumes a code once, then reports the replay with its grant', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      const record = aCode(grant, now, { nonce: 'n-1', scopes: ['a', 'b'] });
      await store().saveCode(code.hash, record);
      assert.deepEqual(await store().consumeCode(code.hash, now), { status: 'consumed', record });
      assert.deepEqual(await store().consumeCode(code.hash, now + 1), { status: 'replayed', grantId: grant.grantId });
    });

    it('does not know a code it never saw, nor one past its expiry', async () => {
      const now = clock.now;
      assert.deepEqual(await store().consumeCode(aSecret().hash, now), { status: 'unknown' });
      const code = aSecret();
      await store().saveCode(code.hash, aCode(aGrant(now), now, { expiresAt: now + 1000 }));
      assert.deepEqual(await store().consumeCode(code.hash, now + 1000), { status: 'unknown' });
    });

    it('forgets the tombstone of a used code once the code would have expired', async () => {
      const now = clock.now;
      const code = aSecret();
      await store().saveCode(code.hash, aCode(aGrant(now), now, { expiresAt: now + 1000 }));
      assert.equal((await store().consumeCode(code.hash, now)).status, 'consumed');
      assert.deepEqual(await store().consumeCode(code.hash, now + 1000), { status: 'unknown' });
    });

    it('lets exactly one of 100 concurrent exchanges of one code win', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      await store().saveCode(code.hash, aCode(grant, now));
      const results = await Promise.all(Array.from({ length: 100 }, () => store().consumeCode(code.hash, now)));
      assert.deepEqual(tally(results.map((r) => r.status)), { consumed: 1, replayed: 99 });
      for (const r of results) if (r.status === 'replayed') assert.equal(r.grantId, grant.grantId);
    });
  });

  describe('code exchange (findCode + exchangeCode)', () => {
    const exchangeOf = (grant: GrantRecord, now: number) => ({
      grant,
      refresh: { hash: aSecret().hash, record: aRefresh(grant, now) },
      access: { hash: aSecret().hash, record: anAccess(grant, now) },
    });

    it('reads a code without spending it: live, then replayed once exchanged, unknown once expired', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      const record = aCode(grant, now, { expiresAt: now + 1000 });
      await store().saveCode(code.hash, record);
      assert.deepEqual(await store().findCode(code.hash, now), { status: 'live', record });
      assert.deepEqual(await store().findCode(code.hash, now), { status: 'live', record }, 'reading twice spends nothing');
      assert.deepEqual(await store().exchangeCode(code.hash, exchangeOf(grant, now), now), { status: 'exchanged' });
      assert.deepEqual(await store().findCode(code.hash, now), { status: 'replayed', grantId: grant.grantId });
      assert.deepEqual(await store().findCode(code.hash, now + 1000), { status: 'unknown' });
      assert.deepEqual(await store().findCode(aSecret().hash, now), { status: 'unknown' });
    });

    it('spends the code and writes the grant with its first refresh and access token in one step', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      await store().saveCode(code.hash, aCode(grant, now));
      const exchange = exchangeOf(grant, now);
      assert.deepEqual(await store().exchangeCode(code.hash, exchange, now), { status: 'exchanged' });
      assert.deepEqual(await store().getGrant(grant.grantId), grant);
      assert.deepEqual(await store().getRefreshToken(exchange.refresh.hash, now), exchange.refresh.record);
      assert.deepEqual(await store().findAccessToken(exchange.access.hash, now), exchange.access.record);
      assert.deepEqual((await store().listGrantsByUser(grant.userId)).map((g) => g.grantId), [grant.grantId]);
      assert.deepEqual(await store().consumeCode(code.hash, now), { status: 'replayed', grantId: grant.grantId });
    });

    it('writes only the grant when the exchange has no tokens to store (JWT access, no refresh grant)', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      await store().saveCode(code.hash, aCode(grant, now));
      assert.deepEqual(await store().exchangeCode(code.hash, { grant }, now), { status: 'exchanged' });
      assert.deepEqual(await store().getGrant(grant.grantId), grant);
    });

    it('writes nothing for a used, unknown or expired code', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      await store().saveCode(code.hash, aCode(grant, now, { expiresAt: now + 1000 }));
      assert.equal((await store().consumeCode(code.hash, now)).status, 'consumed');
      for (const [hash, at, expected] of [
        [code.hash, now, { status: 'replayed', grantId: grant.grantId }],
        [code.hash, now + 1000, { status: 'unknown' }],
        [aSecret().hash, now, { status: 'unknown' }],
      ] as const) {
        const exchange = exchangeOf(grant, at);
        assert.deepEqual(await store().exchangeCode(hash, exchange, at), expected);
        assert.equal(await store().getGrant(grant.grantId), undefined);
        assert.equal(await store().getRefreshToken(exchange.refresh.hash, at), undefined);
        assert.equal(await store().findAccessToken(exchange.access.hash, at), undefined);
      }
    });

    it('lets exactly one of 100 concurrent exchanges win; only its tokens exist, and the losers learn its grant', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const code = aSecret();
      await store().saveCode(code.hash, aCode(grant, now));
      const exchanges = Array.from({ length: 100 }, () => exchangeOf(grant, now));
      const results = await Promise.all(exchanges.map((e) => store().exchangeCode(code.hash, e, now)));
      assert.deepEqual(tally(results.map((r) => r.status)), { exchanged: 1, replayed: 99 });
      for (const r of results) if (r.status === 'replayed') assert.equal(r.grantId, grant.grantId);
      const live = await Promise.all(exchanges.map(async (e) => (await store().getRefreshToken(e.refresh.hash, now)) !== undefined));
      assert.deepEqual(live.map((l, i) => l === (results[i]!.status === 'exchanged')), Array(100).fill(true));
    });
  });

  describe('grants', () => {
    it('saves, reads and lists grants by user; an expired grant is absent', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const other = aGrant(now, { userId: grant.userId, expiresAt: now + 1000 });
      await store().saveGrant(grant);
      await store().saveGrant(other);
      assert.deepEqual(await store().getGrant(grant.grantId), grant);
      const listed = await store().listGrantsByUser(grant.userId);
      assert.deepEqual(listed.map((g) => g.grantId).sort(), [grant.grantId, other.grantId].sort());
      clock.now = now + 1000;
      assert.equal(await store().getGrant(other.grantId), undefined);
      assert.deepEqual((await store().listGrantsByUser(grant.userId)).map((g) => g.grantId), [grant.grantId]);
      assert.deepEqual(await store().listGrantsByUser('nobody-' + grant.grantId), []);
    });

    it('revokes a grant with its refresh tokens, opaque access tokens and unused codes, in one step', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      const [refresh, access, code] = [aSecret(), aSecret(), aSecret()];
      const bystander = aGrant(now);
      const bystanderToken = aSecret();
      await store().saveGrant(grant);
      await store().saveGrant(bystander);
      await store().saveRefreshToken(refresh.hash, aRefresh(grant, now));
      await store().saveAccessToken(access.hash, anAccess(grant, now));
      await store().saveCode(code.hash, aCode(grant, now));
      await store().saveAccessToken(bystanderToken.hash, anAccess(bystander, now));

      assert.equal(await store().revokeGrant(grant.grantId, now + 5), true);
      assert.equal((await store().getGrant(grant.grantId))?.revokedAt, now + 5);
      assert.equal(await store().getRefreshToken(refresh.hash, now + 6), undefined);
      assert.equal(await store().findAccessToken(access.hash, now + 6), undefined);
      assert.deepEqual(await store().consumeCode(code.hash, now + 6), { status: 'unknown' });
      const rotation = { nextHash: aSecret().hash, next: aRefresh(grant, now), graceSalt: 'x', graceMs: GRACE_MS, now: now + 6 };
      assert.deepEqual(await store().rotateRefreshToken(refresh.hash, rotation), { status: 'unknown' });
      assert.ok(await store().findAccessToken(bystanderToken.hash, now + 6), 'another grant is untouched');

      assert.equal(await store().revokeGrant(grant.grantId, now + 99), true, 'idempotent');
      assert.equal((await store().getGrant(grant.grantId))?.revokedAt, now + 5, 'keeps the first revocation time');
      assert.equal(await store().revokeGrant('no-such-grant', now), false);
    });

    it('refuses tokens whose grant is revoked even if saved after the revocation', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      await store().saveGrant(grant);
      await store().revokeGrant(grant.grantId, now);
      const [refresh, access] = [aSecret(), aSecret()];
      await store().saveRefreshToken(refresh.hash, aRefresh(grant, now));
      await store().saveAccessToken(access.hash, anAccess(grant, now));
      assert.equal(await store().getRefreshToken(refresh.hash, now), undefined);
      assert.equal(await store().findAccessToken(access.hash, now), undefined);
    });
  });

  describe('refresh tokens', () => {
    async function live(now: number) {
      const grant = aGrant(now);
      const old = aSecret();
      const record = aRefresh(grant, now);
      await store().saveGrant(grant);
      await store().saveRefreshToken(old.hash, record);
      return { grant, old, record };
    }
    const rotation = (now: number, grant = aGrant(now), graceSalt = 'salt-of-this-rotation') => ({
      nextHash: aSecret().hash,
      next: aRefresh(grant, now),
      graceSalt,
      graceMs: GRACE_MS,
      now,
    });

    it('reads a live token; not an expired, unknown or deleted one', async () => {
      const now = clock.now;
      const { old, record } = await live(now);
      assert.deepEqual(await store().getRefreshToken(old.hash, now), record);
      assert.equal(await store().getRefreshToken(old.hash, record.expiresAt), undefined);
      assert.equal(await store().getRefreshToken(aSecret().hash, now), undefined);
      await store().deleteRefreshToken(old.hash);
      assert.equal(await store().getRefreshToken(old.hash, now), undefined);
    });

    it('rotates: the old token is spent, the new one live; a duplicate in the window gets its salt, its time and the old record', async () => {
      const now = clock.now;
      const { grant, old, record } = await live(now);
      const input = rotation(now, grant);
      assert.deepEqual(await store().rotateRefreshToken(old.hash, input), { status: 'rotated', previous: record });
      assert.equal(await store().getRefreshToken(old.hash, now), undefined);
      assert.deepEqual(await store().getRefreshToken(input.nextHash, now), input.next);
      const dup = rotation(now + GRACE_MS - 1, grant);
      assert.deepEqual(await store().rotateRefreshToken(old.hash, dup), { status: 'grace', graceSalt: input.graceSalt, rotatedAt: now, previous: record });
      assert.equal(await store().getRefreshToken(dup.nextHash, now), undefined, 'a grace answer saves no new token');
    });

    it('reports reuse of a spent token after the window', async () => {
      const now = clock.now;
      const { grant, old } = await live(now);
      await store().rotateRefreshToken(old.hash, rotation(now, grant));
      assert.deepEqual(await store().rotateRefreshToken(old.hash, rotation(now + GRACE_MS, grant)), {
        status: 'reuse',
        grantId: grant.grantId,
      });
    });

    it('does not rotate an unknown or expired token, nor one of an expired grant', async () => {
      const now = clock.now;
      assert.deepEqual(await store().rotateRefreshToken(aSecret().hash, rotation(now)), { status: 'unknown' });
      const { grant, old, record } = await live(now);
      assert.deepEqual(await store().rotateRefreshToken(old.hash, rotation(record.expiresAt, grant)), { status: 'unknown' });
      const ending = aGrant(now, { expiresAt: now + 1000 });
      const token = aSecret();
      await store().saveGrant(ending);
      await store().saveRefreshToken(token.hash, aRefresh(ending, now));
      assert.deepEqual(await store().rotateRefreshToken(token.hash, rotation(now + 1000, ending)), { status: 'unknown' });
    });

    it('saves the new opaque access token with the rotation, and only if it rotates', async () => {
      const now = clock.now;
      const { grant, old } = await live(now);
      const won = { ...rotation(now, grant), access: { hash: aSecret().hash, record: anAccess(grant, now) } };
      assert.equal((await store().rotateRefreshToken(old.hash, won)).status, 'rotated');
      assert.deepEqual(await store().findAccessToken(won.access.hash, now), won.access.record);
      const duplicate = { ...rotation(now, grant), access: { hash: aSecret().hash, record: anAccess(grant, now) } };
      assert.equal((await store().rotateRefreshToken(old.hash, duplicate)).status, 'grace');
      assert.equal(await store().findAccessToken(duplicate.access.hash, now), undefined);
    });

    it('lets exactly one of 100 concurrent rotations win; the rest get its salt, then reuse', async () => {
      const now = clock.now;
      const { grant, old } = await live(now);
      const inputs = Array.from({ length: 100 }, (_, i) => rotation(now, grant, `salt-${i}`));
      const results = await Promise.all(inputs.map((input) => store().rotateRefreshToken(old.hash, input)));
      assert.deepEqual(tally(results.map((r) => r.status)), { rotated: 1, grace: 99 });
      const winner = inputs[results.findIndex((r) => r.status === 'rotated')]!;
      for (const r of results) if (r.status === 'grace') assert.equal(r.graceSalt, winner.graceSalt);
      assert.equal((await store().rotateRefreshToken(old.hash, rotation(now + GRACE_MS, grant))).status, 'reuse');
    });
  });

  describe('opaque access tokens', () => {
    it('finds a live token; not an expired, unknown or deleted one', async () => {
      const now = clock.now;
      const grant = aGrant(now);
      await store().saveGrant(grant);
      const token = aSecret();
      const record = anAccess(grant, now);
      await store().saveAccessToken(token.hash, record);
      assert.deepEqual(await store().findAccessToken(token.hash, now), record);
      assert.equal(await store().findAccessToken(token.hash, record.expiresAt), undefined);
      assert.equal(await store().findAccessToken(aSecret().hash, now), undefined);
      await store().deleteAccessToken(token.hash);
      assert.equal(await store().findAccessToken(token.hash, now), undefined);
    });

    it('drops tokens of a grant past its end', async () => {
      const now = clock.now;
      const grant = aGrant(now, { expiresAt: now + HOUR });
      await store().saveGrant(grant);
      const token = aSecret();
      await store().saveAccessToken(token.hash, anAccess(grant, now, { expiresAt: now + 2 * HOUR }));
      assert.equal(await store().findAccessToken(token.hash, now + HOUR), undefined);
    });
  });
}
