import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../../src/crypto/hash.js';
import type { RefreshTokenRecord } from '../../src/store/contract.js';
import { createIssuedRefreshTokens } from '../../src/token/issued-refresh-tokens.js';
import { startTokenServer, type IssuedTokens, type TokenServer } from './fixtures/harness.js';

const record = (expiresAt: number): RefreshTokenRecord => ({ grantId: 'g', clientId: 'c', scopes: [], resource: 'r', createdAt: 0, expiresAt });

describe('records of the refresh tokens an instance issued (createIssuedRefreshTokens)', () => {
  it('hands each record out once, never an expired one, and forgets the oldest first', () => {
    let now = 999;
    const issued = createIssuedRefreshTokens(() => now, 2);
    issued.remember('a', record(1000));
    assert.deepEqual(issued.take('a'), record(1000));
    assert.equal(issued.take('a'), undefined, 'taken once');
    issued.remember('b', record(1000));
    now = 1000;
    assert.equal(issued.take('b'), undefined, 'expired');
    now = 0;
    issued.remember('c', record(1000));
    issued.remember('d', record(1000));
    issued.remember('e', record(1000));
    assert.equal(issued.take('c'), undefined, 'the oldest is forgotten past the capacity');
    assert.ok(issued.take('d') && issued.take('e'));
  });
});

describe('refresh rotation of a token this instance issued', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer({ refreshGraceWindow: 2 });
  });
  after(() => server.close());

  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    server.post('/token', { grant_type: 'refresh_token', client_id: 'public-app', refresh_token: refreshToken, ...extra });
  const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
  /** Counts the store's reads of refresh tokens while `fn` runs. */
  async function readsDuring(fn: () => Promise<void>): Promise<number> {
    const store = server.running.store;
    const read = store.getRefreshToken;
    let reads = 0;
    store.getRefreshToken = (...args) => (reads++, read.apply(store, args));
    try {
      await fn();
    } finally {
      store.getRefreshToken = read;
    }
    return reads;
  }

  it('is not read back from the store, and the token it rotates to is not either', async () => {
    const first = await server.obtainTokens();
    let second: IssuedTokens | undefined;
    const reads = await readsDuring(async () => {
      const response = await refresh(first.refresh_token);
      assert.equal(response.status, 200);
      second = (await response.json()) as IssuedTokens;
      assert.equal((await refresh(second.refresh_token)).status, 200);
    });
    assert.equal(reads, 0);
    assert.equal(await server.running.store.getRefreshToken(hashSecret(first.refresh_token), Date.now()), undefined, 'the store still spent it');
  });

  it('rotated meanwhile by another instance: reuse is detected and the grant revoked, even with a wrong resource', async () => {
    const first = await server.obtainTokens();
    const store = server.running.store;
    const now = Date.now();
    // What another instance sharing the store does when the token reaches it first.
    const elsewhere = await store.rotateRefreshToken(hashSecret(first.refresh_token), {
      nextHash: hashSecret('grt_elsewhere'),
      next: { ...record(now + 60_000), grantId: first.grantId, clientId: 'public-app' },
      graceSalt: 'salt of the rotation elsewhere',
      graceMs: 0,
      now,
    });
    assert.equal(elsewhere.status, 'rotated');
    assert.equal(await errorOf(await refresh(first.refresh_token, { resource: 'https://other.example/mcp' })), 'invalid_grant');
    assert.ok((await store.getGrant(first.grantId))?.revokedAt !== undefined, 'the grant is revoked');
  });

  it('whose grant was revoked meanwhile (by another instance) is refused', async () => {
    const first = await server.obtainTokens();
    await server.running.store.revokeGrant(first.grantId, Date.now());
    const response = await refresh(first.refresh_token);
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: string; access_token?: string };
    assert.equal(body.error, 'invalid_grant');
    assert.equal(body.access_token, undefined);
  });
});
