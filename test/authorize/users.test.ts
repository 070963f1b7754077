import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { ensureDemoUser } from '../../src/users/demo-user.js';
import { localPasswordProvider } from '../../src/users/local-provider.js';
import { hashPassword, verifyPassword } from '../../src/users/password.js';
import { runCli } from '../helpers/cli.js';

const FAST = { ln: 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('are scrypt PHC-like strings with their cost, salted, and verify', async () => {
    const hash = await hashPassword('s3cret password', FAST);
    assert.match(hash, /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(hash, await hashPassword('s3cret password', FAST), 'a fresh salt each time');
    assert.equal(await verifyPassword('s3cret password', hash), true);
    assert.equal(await verifyPassword('s3cret passworD', hash), false);
  });

  it('the default cost is memory-hard (N=2^17, r=8)', async () => {
    assert.match(await hashPassword('x'.repeat(12)), /^\$scrypt\$ln=17,r=8,p=1\$/);
  });

  it('malformed or out-of-bounds stored hashes never match', async () => {
    const hash = await hashPassword('pw-pw-pw-pw', FAST);
    assert.equal(await verifyPassword('pw-pw-pw-pw', hash.replace('ln=10', 'ln=30')), false, 'a tampered cost is refused, not computed');
    assert.equal(await verifyPassword('pw-pw-pw-pw', 'plain'), false);
    assert.equal(await verifyPassword('pw-pw-pw-pw', hash.slice(0, -4)), false);
  });
});

describe('ensureDemoUser', () => {
  it('creates "demo" with a random password once, only when there is no user', async () => {
    const store = await openStore('memory');
    const first = await ensureDemoUser(store);
    assert.ok(first);
    assert.equal(first.username, 'demo');
    assert.ok(first.password.length >= 16);
    assert.equal(await ensureDemoUser(store), undefined);
    const provider = localPasswordProvider(store);
    assert.equal((await provider.verify('demo', first.password))?.displayName, 'demo');
    assert.equal(await provider.verify('demo', 'not it at all'), undefined);
    assert.equal(await provider.verify('nobody', first.password), undefined);
    await store.close();
  });
});

describe('gatehouse users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-users-'));
  const storeArgs = ['--store', `sqlite:${join(dir, 'users.db')}`];
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[], input?: string) => runCli(['users', ...args, ...storeArgs], { timeoutMs: 60_000, ...(input !== undefined ? { input } : {}) });

  it('add reads the password from stdin; list shows the user; the password signs in', async () => {
    const added = await cli(['add', 'Alice'], 'a long enough password\n');
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Created user "alice"/);
    const listed = await cli(['list']);
    assert.match(listed.stdout, /^alice\t/m);
    const store = await openStore(`sqlite:${join(dir, 'users.db')}`);
    try {
      assert.ok(await localPasswordProvider(store).verify('ALICE', 'a long enough password'));
      assert.equal(await localPasswordProvider(store).verify('alice', 'a long enough password\n'), undefined);
    } finally {
      await store.close();
    }
  });

  it('refuses a taken name, a short password, and a password given as an argument', async () => {
    const taken = await cli(['add', 'alice'], 'another password\n');
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /taken/);
    const short = await cli(['add', 'bob'], 'short\n');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 8/);
    const inArgv = await cli(['add', 'carol', 'my-password-here'], '');
    assert.equal(inArgv.code, 1);
    assert.match(inArgv.stderr, /takes 1 argument/);
  });

  it('consents lists what a user allowed; revoke takes it back', async () => {
    const store = await openStore(`sqlite:${join(dir, 'users.db')}`);
    const user = (await store.getUserByName('alice'))!;
    await store.putConsent({ userId: user.userId, clientId: 'some-client', scopes: ['notes:read'], clientFingerprint: 'f', grantedAt: Date.now() });
    await store.close();
    assert.match((await cli(['consents', 'alice'])).stdout, /^some-client\tnotes:read\t/m);
    const revoked = await cli(['revoke', 'alice', 'some-client']);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match((await cli(['consents', 'alice'])).stdout, /allowed no application/);
  });

  it('remove deletes the user', async () => {
    assert.equal((await cli(['remove', 'alice'])).code, 0);
    assert.match((await cli(['list'])).stdout, /No users/);
    const again = await cli(['remove', 'alice']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /no user "alice"/);
  });
});
