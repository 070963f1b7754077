import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '../../../src/crypto/hash.js';
import { StoreConflictError, type NoteRecord, type SigningKeyRecord } from '../../../src/store/contract.js';
import type { ContractContext } from '../contract.js';
import { aClient, HOUR } from './records.js';

export function recordTests({ store, clock }: ContractContext): void {
  describe('clients', () => {
    it('puts, replaces, reads and deletes a client', async () => {
      const client = aClient(clock.now, { secretHash: 'digest', jwks: { keys: [{ kty: 'EC' }] } });
      await store().putClient(client);
      assert.deepEqual(await store().getClient(client.clientId), client);
      const renamed = { ...client, clientName: 'Renamed' };
      await store().putClient(renamed);
      assert.deepEqual(await store().getClient(client.clientId), renamed);
      await store().deleteClient(client.clientId);
      assert.equal(await store().getClient(client.clientId), undefined);
    });

    it('hides an expired registration; touching a live one records use and pushes back its expiry', async () => {
      const now = clock.now;
      const client = aClient(now, { kind: 'dcr', expiresAt: now + 1000 });
      await store().putClient(client);
      await store().touchClient(client.clientId, now + 500, now + HOUR);
      assert.deepEqual(await store().getClient(client.clientId), { ...client, lastUsedAt: now + 500, expiresAt: now + HOUR });
      clock.now = now + HOUR;
      assert.equal(await store().getClient(client.clientId), undefined);
      await store().touchClient(client.clientId, now + HOUR, now + 2 * HOUR);
      assert.equal(await store().getClient(client.clientId), undefined, 'an expired client is not revived');
      await store().touchClient('no-such-client', now, now + HOUR);
      assert.equal(await store().getClient('no-such-client'), undefined);
    });

    it('returns copies: changing a returned record does not change the store', async () => {
      const client = aClient(clock.now);
      await store().putClient(client);
      const read = (await store().getClient(client.clientId))!;
      read.redirectUris.push('https://evil.example/cb');
      assert.deepEqual(await store().getClient(client.clientId), client);
    });
  });

  describe('consents', () => {
    it('puts, replaces, lists and revokes consents per user', async () => {
      const userId = newId();
      const a = { userId, clientId: 'a', scopes: ['x'], clientFingerprint: 'f1', grantedAt: clock.now };
      const b = { ...a, clientId: 'b' };
      await store().putConsent(a);
      await store().putConsent(b);
      await store().putConsent({ ...a, scopes: ['x', 'y'] });
      assert.deepEqual(await store().getConsent(userId, 'a'), { ...a, scopes: ['x', 'y'] });
      assert.deepEqual((await store().listConsentsByUser(userId)).map((c) => c.clientId).sort(), ['a', 'b']);
      assert.equal(await store().revokeConsent(userId, 'a'), true);
      assert.equal(await store().revokeConsent(userId, 'a'), false);
      assert.equal(await store().getConsent(userId, 'a'), undefined);
      assert.deepEqual(await store().listConsentsByUser(newId()), []);
    });
  });

  describe('upstream token vault', () => {
    const entry = (userId: string, sealed: string) => ({ userId, provider: 'github', sealed, updatedAt: 1 });

    it('versions every write and compares-and-sets on expectVersion', async () => {
      const userId = newId();
      assert.equal(await store().putUpstreamToken(entry(userId, 's1'), 1), false, 'no record: only version 0 matches');
      assert.equal(await store().putUpstreamToken(entry(userId, 's1'), 0), true);
      assert.equal(await store().putUpstreamToken(entry(userId, 'sX'), 0), false, 'version 0 means "absent"');
      assert.deepEqual(await store().getUpstreamToken(userId, 'github'), { ...entry(userId, 's1'), version: 1 });
      assert.equal(await store().putUpstreamToken(entry(userId, 's2')), true, 'without expectVersion: always');
      assert.equal(await store().putUpstreamToken(entry(userId, 'stale'), 1), false);
      assert.equal(await store().putUpstreamToken({ ...entry(userId, 's3'), accessExpiresAt: 9 }, 2), true);
      assert.deepEqual(await store().getUpstreamToken(userId, 'github'), { ...entry(userId, 's3'), accessExpiresAt: 9, version: 3 });
      await store().deleteUpstreamToken(userId, 'github');
      assert.equal(await store().getUpstreamToken(userId, 'github'), undefined);
    });

    it('lets one of 20 concurrent compare-and-set writers win', async () => {
      const userId = newId();
      await store().putUpstreamToken(entry(userId, 'start'));
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => store().putUpstreamToken(entry(userId, `w${i}`), 1)));
      assert.equal(wins.filter(Boolean).length, 1);
      assert.equal((await store().getUpstreamToken(userId, 'github'))?.version, 2);
    });
  });

  describe('signing keys', () => {
    it('puts, replaces, lists and deletes keys; a retired key past its expiry is gone', async () => {
      const now = clock.now;
      const key = (kid: string, over: Partial<SigningKeyRecord> = {}): SigningKeyRecord => ({
        kid, alg: 'ES256', publicJwk: { kty: 'EC', kid }, sealedPrivateJwk: 'v1.k.iv.ct', createdAt: now, status: 'active', ...over,
      });
      const [a, b] = [newId(), newId()];
      await store().putSigningKey(key(a));
      await store().putSigningKey(key(b));
      await store().putSigningKey(key(a, { status: 'retiring', expiresAt: now + 1000 }));
      const mine = async () => (await store().listSigningKeys()).filter((k) => k.kid === a || k.kid === b);
      assert.deepEqual((await mine()).find((k) => k.kid === a), key(a, { status: 'retiring', expiresAt: now + 1000 }));
      assert.equal((await mine()).length, 2);
      clock.now = now + 1000;
      assert.deepEqual((await mine()).map((k) => k.kid), [b]);
      await store().deleteSigningKey(b);
      assert.deepEqual(await mine(), []);
    });
  });

  describe('users', () => {
    it('creates users with unique names and ids, reads, lists and deletes them', async () => {
      const user = { userId: newId(), username: 'alice-' + newId(), passwordHash: '$scrypt$...', createdAt: clock.now };
      await store().createUser(user);
      assert.deepEqual(await store().getUser(user.userId), user);
      assert.deepEqual(await store().getUserByName(user.username), user);
      assert.ok((await store().listUsers()).some((u) => u.userId === user.userId));
      await assert.rejects(store().createUser({ ...user, userId: newId() }), StoreConflictError);
      await assert.rejects(store().createUser({ ...user, username: 'bob-' + newId() }), StoreConflictError);
      assert.equal(await store().deleteUser(user.userId), true);
      assert.equal(await store().deleteUser(user.userId), false);
      assert.equal(await store().getUserByName(user.username), undefined);
      await store().createUser({ ...user, userId: newId() });
      assert.ok(await store().getUserByName(user.username), 'a deleted user frees the name');
    });
  });

  describe('notes', () => {
    it('adds notes, lists them oldest first per user, and clears them', async () => {
      const [userId, other] = [newId(), newId()];
      const note = (id: string, createdAt: number, who = userId): NoteRecord => ({ id, userId: who, text: `note ${id}`, createdAt });
      await store().addNote(note('n2-' + userId, 2));
      await store().addNote(note('n1-' + userId, 1));
      await store().addNote(note('o1-' + other, 1, other));
      assert.deepEqual((await store().listNotes(userId)).map((n) => n.id), ['n1-' + userId, 'n2-' + userId]);
      await assert.rejects(store().addNote(note('n1-' + userId, 3)), StoreConflictError);
      await assert.rejects(store().addNote(note('n1-' + userId, 3, other)), StoreConflictError, 'ids are unique across users');
      assert.equal(await store().clearNotes(userId), 2);
      assert.deepEqual(await store().listNotes(userId), []);
      assert.equal((await store().listNotes(other)).length, 1);
    });
  });
}
