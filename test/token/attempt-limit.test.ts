import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAttemptLimiter } from '../../src/http/attempt-limit.js';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { openStore } from '../../src/store/open-store.js';
import { startTokenServer, type TokenServer } from './fixtures/harness.js';

const limitedError = (error: unknown) => error instanceof OAuthError && error.code === 'rate_limited' && Number(error.headers?.['Retry-After']) >= 1;

describe('attempt limiter (every request in process, failures in the shared store)', () => {
  it('counts successful requests without writing to the store, and refuses past the budget', async () => {
    const store = await openStore('memory');
    let storeHits = 0;
    const counted = { ...store, hitRateLimit: (...args: Parameters<typeof store.hitRateLimit>) => (storeHits++, store.hitRateLimit(...args)) };
    const limiter = createAttemptLimiter(counted, 'token', { max: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) limiter.admit('10.0.0.1', 1_000);
    assert.throws(() => limiter.admit('10.0.0.1', 1_000), limitedError);
    assert.equal(storeHits, 0, 'a successful request writes nothing');
    limiter.admit('10.0.0.2', 1_000);
    limiter.admit('10.0.0.1', 61_000);
  });

  it('counts failures in the store; past the shared budget the address is refused until the window ends', async () => {
    const store = await openStore('memory');
    const limiter = createAttemptLimiter(store, 'token', { max: 2, windowMs: 60_000 });
    await limiter.recordFailure('10.0.0.1', 1_000);
    await limiter.recordFailure('10.0.0.1', 1_000);
    await assert.rejects(limiter.recordFailure('10.0.0.1', 2_000), limitedError);
    assert.throws(() => limiter.admit('10.0.0.1', 30_000), limitedError);
    limiter.admit('10.0.0.1', 61_001);
  });
});

describe('token endpoint budget shared by two instances on one SQLite store', () => {
  let a: TokenServer;
  let b: TokenServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-attempts-'));
    const store = { url: `sqlite:${join(dir, 'shared.db')}` };
    a = await startTokenServer({ rateLimitPerMinute: 3 }, { store });
    b = await startTokenServer({ rateLimitPerMinute: 3 }, { store });
  });
  after(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('failures on one instance use up the budget on the other', async () => {
    const wrongCode = { grant_type: 'authorization_code', client_id: 'public-app', code: 'guess', code_verifier: 'x'.repeat(43) };
    for (let i = 0; i < 3; i++) {
      const response = await a.post('/token', wrongCode);
      assert.equal(response.status, 400);
      await response.body?.cancel();
    }
    // b has seen nothing yet, so it checks this guess; the failure it counts is the 4th: refused.
    const crossing = await b.post('/token', wrongCode);
    assert.equal(crossing.status, 429);
    assert.ok(Number(crossing.headers.get('retry-after')) >= 1);
    await crossing.body?.cancel();
    // From now on b refuses before looking at the request, even a valid exchange.
    const { code, verifier } = await b.issueCode('public-app');
    const valid = await b.post('/token', { grant_type: 'authorization_code', client_id: 'public-app', code, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:9999/callback' });
    assert.equal(valid.status, 429);
    await valid.body?.cancel();
  });

  it('every request counts in its own instance, successful exchanges included', async () => {
    const server = await startTokenServer({ rateLimitPerMinute: 2 });
    try {
      await server.obtainTokens();
      await server.obtainTokens();
      await assert.rejects(server.obtainTokens(), /429/);
    } finally {
      await server.close();
    }
  });
});
