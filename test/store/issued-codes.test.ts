import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../../src/crypto/hash.js';
import { openMemoryStore } from '../../src/store/backends/memory.js';
import type { Store } from '../../src/store/contract.js';
import { rememberIssuedCodes } from '../../src/store/issued-codes.js';
import { REDIRECT_URI, startTokenServer, type TokenServer } from '../token/fixtures/harness.js';
import { aCode, aGrant, aSecret } from './contract/records.js';

/** A backend that counts its `findCode` reads, and the store an instance sees over it. */
function instanceOver(backend: Store, clock: () => number) {
  let reads = 0;
  const counted: Store = { ...backend, findCode: (...args) => (reads++, backend.findCode(...args)) };
  return { store: rememberIssuedCodes(counted, clock), reads: () => reads };
}

describe('codes an instance saved are not read back (rememberIssuedCodes)', () => {
  const now = Date.now();
  const clock = () => now;

  it('hands the record out once without a read; every later read goes to the store', async () => {
    const { store, reads } = instanceOver(openMemoryStore(clock), clock);
    const grant = aGrant(now);
    const code = aSecret();
    const record = aCode(grant, now);
    await store.saveCode(code.hash, record);
    assert.deepEqual(await store.findCode(code.hash, now), { status: 'live', record });
    assert.equal(reads(), 0);
    assert.deepEqual(await store.findCode(code.hash, now), { status: 'live', record }, 'the store still has it live');
    assert.equal(reads(), 1);
  });

  it('hands out a copy: changing the saved object afterwards changes nothing', async () => {
    const { store } = instanceOver(openMemoryStore(clock), clock);
    const code = aSecret();
    const record = aCode(aGrant(now), now, { scopes: ['notes:read'] });
    await store.saveCode(code.hash, record);
    record.scopes.push('admin');
    const found = await store.findCode(code.hash, now);
    assert.ok(found.status === 'live');
    assert.deepEqual(found.record.scopes, ['notes:read']);
  });

  it('forgets a code it spends, exchanged or consumed, even without a find first', async () => {
    const { store } = instanceOver(openMemoryStore(clock), clock);
    const grant = aGrant(now);
    const [exchanged, consumed] = [aSecret(), aSecret()];
    await store.saveCode(exchanged.hash, aCode(grant, now));
    await store.saveCode(consumed.hash, aCode(grant, now));
    assert.equal((await store.exchangeCode(exchanged.hash, { grant }, now)).status, 'exchanged');
    assert.equal((await store.consumeCode(consumed.hash, now)).status, 'consumed');
    assert.deepEqual(await store.findCode(exchanged.hash, now), { status: 'replayed', grantId: grant.grantId });
    assert.deepEqual(await store.findCode(consumed.hash, now), { status: 'replayed', grantId: grant.grantId });
  });

  it('never hands out an expired code: the store answers', async () => {
    const { store, reads } = instanceOver(openMemoryStore(clock), clock);
    const code = aSecret();
    await store.saveCode(code.hash, aCode(aGrant(now), now, { expiresAt: now + 1000 }));
    assert.deepEqual(await store.findCode(code.hash, now + 1000), { status: 'unknown' });
    assert.equal(reads(), 1);
  });

  it('leaves the verdict on a code spent by another instance to the compare-and-set: replayed', async () => {
    const backend = openMemoryStore(clock);
    const here = instanceOver(backend, clock).store;
    const elsewhere = instanceOver(backend, clock).store;
    const grant = aGrant(now);
    const code = aSecret();
    await here.saveCode(code.hash, aCode(grant, now));
    assert.equal((await elsewhere.exchangeCode(code.hash, { grant }, now)).status, 'exchanged');
    assert.equal((await here.findCode(code.hash, now)).status, 'live', 'what this instance remembers');
    assert.deepEqual(await here.exchangeCode(code.hash, { grant }, now), { status: 'replayed', grantId: grant.grantId });
  });
});

describe('a code issued by one instance and replayed there after another exchanged it (one SQLite file)', () => {
  let a: TokenServer;
  let b: TokenServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-issued-codes-'));
    const store = { url: `sqlite:${join(dir, 'shared.db')}` };
    a = await startTokenServer({}, { store });
    b = await startTokenServer({}, { store });
  });
  after(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused as a replay, and the tokens the other instance issued are revoked with the grant', async () => {
    const { code, verifier, grantId } = await a.issueCode('public-app');
    const exchange = { grant_type: 'authorization_code', client_id: 'public-app', code, code_verifier: verifier, redirect_uri: REDIRECT_URI, resource: a.resource };
    const first = await b.post('/token', exchange);
    assert.equal(first.status, 200);
    const { refresh_token } = (await first.json()) as { refresh_token: string };

    const replay = await a.post('/token', exchange);
    assert.equal(replay.status, 400);
    assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
    assert.ok((await a.running.store.getGrant(grantId))?.revokedAt !== undefined, 'the grant is revoked');
    assert.equal(await b.running.store.getRefreshToken(hashSecret(refresh_token), Date.now()), undefined, 'its refresh token is gone');
  });

  it('a remembered code that is gone from the store (its grant revoked) and fails a check gets the unknown code\'s answer', async () => {
    const { code, grantId } = await a.issueCode('public-app');
    await b.running.store.revokeGrant(grantId, Date.now());
    const wrongVerifier = await a.post('/token', { grant_type: 'authorization_code', client_id: 'public-app', code, code_verifier: 'x'.repeat(43), redirect_uri: REDIRECT_URI });
    assert.equal(wrongVerifier.status, 400);
    assert.deepEqual(await wrongVerifier.json(), { error: 'invalid_grant', error_description: 'The authorization code is invalid or has expired.' });
  });
});
