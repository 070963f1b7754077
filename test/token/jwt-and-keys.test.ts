import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { parseConfig } from '../../src/config/load.js';
import { createSealer, generateSealingKey } from '../../src/crypto/sealer.js';
import { createLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { createKeySet, KEY_CACHE_MS } from '../../src/token/keys/key-set.js';
import { callMcp, startTokenServer, type TokenServer } from './fixtures/harness.js';

async function accessToken(server: TokenServer): Promise<{ token: string; grantId: string }> {
  const { access_token: token, grantId } = await server.obtainTokens();
  return { token, grantId };
}

describe('JWT access tokens (RFC 9068)', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer();
  });
  after(() => server.close());

  it('are at+jwt, ES256, with a kid found in /jwks, and carry iss, sub, aud, client_id, scope, gid, iat, exp, jti', async () => {
    const { token, grantId } = await accessToken(server);
    const header = decodeProtectedHeader(token);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(header.alg, 'ES256');
    assert.equal(typeof header.kid, 'string');
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));
    const { payload } = await jwtVerify(token, jwks, { issuer: server.issuer, audience: server.resource, typ: 'at+jwt' });
    assert.equal(payload.sub, 'user-1');
    assert.equal(payload.aud, server.resource);
    assert.equal(payload.client_id, 'public-app');
    assert.equal(payload.scope, 'notes:read notes:write');
    assert.equal(payload.gid, grantId);
    assert.equal(payload.exp! - payload.iat!, 900);
    assert.equal(typeof payload.jti, 'string');
  });

  it('publishes public keys only, at /jwks and /.well-known/jwks.json, CORS-readable', async () => {
    for (const path of ['/jwks', '/.well-known/jwks.json']) {
      const response = await fetch(server.issuer + path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
      assert.ok(keys.length >= 1);
      for (const key of keys) {
        assert.equal(key.d, undefined, 'no private part');
        assert.equal(key.use, 'sig');
      }
    }
  });

  it('keeps the private key sealed in the store', async () => {
    const records = await server.running.store.listSigningKeys();
    assert.ok(records.length >= 1);
    for (const record of records) {
      assert.match(record.sealedPrivateJwk, /^v1\./);
      assert.ok(!record.sealedPrivateJwk.includes('"d"'));
      assert.equal((record.publicJwk as Record<string, unknown>).d, undefined);
    }
  });

  it('are accepted by the co-hosted guard at the MCP endpoint', async () => {
    const { token } = await accessToken(server);
    const response = await callMcp(server, token);
    assert.equal(response.status, 200, await response.clone().text());
    await response.body?.cancel();
  });
});

describe('signing alg from config', () => {
  for (const alg of ['RS256', 'EdDSA'] as const) {
    it(`signs with ${alg} when configured`, async () => {
      const server = await startTokenServer({ signingAlg: alg });
      try {
        const { token } = await accessToken(server);
        assert.equal(decodeProtectedHeader(token).alg, alg);
        await jwtVerify(token, createRemoteJWKSet(new URL(`${server.issuer}/jwks`)), { issuer: server.issuer });
      } finally {
        await server.close();
      }
    });
  }
});

describe('signing key rotation', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer({ keyRotationPeriod: 1 });
  });
  after(() => server.close());

  it('rotates after the period, and tokens signed by the old key stay verifiable', async () => {
    const before = await accessToken(server);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const afterRotation = await accessToken(server);
    const oldKid = decodeProtectedHeader(before.token).kid;
    const newKid = decodeProtectedHeader(afterRotation.token).kid;
    assert.notEqual(oldKid, newKid);
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));
    await jwtVerify(before.token, jwks, { issuer: server.issuer, audience: server.resource });
    await jwtVerify(afterRotation.token, jwks, { issuer: server.issuer, audience: server.resource });
    const old = (await server.running.store.listSigningKeys()).find((k) => k.kid === oldKid);
    assert.equal(old?.status, 'retiring');
    const oldExp = JSON.parse(Buffer.from(before.token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    assert.ok(old!.expiresAt! >= oldExp.exp * 1000, 'the retiring key outlives every token it signed');
  });
});

describe('key set (unit, moving clock)', () => {
  it('retires the old key on rotate, publishes both, then drops the old one once its tokens have expired', async () => {
    let t = 1_000_000_000_000;
    const now = () => t;
    const store = await openStore('memory', { clock: now });
    const tokens = parseConfig({}).authorizationServer.tokens;
    const keys = createKeySet({ store, sealer: createSealer([generateSealingKey('t1')]), tokens, logger: createLogger('silent'), now });
    const first = await keys.signingKey();
    const newKid = await keys.rotate();
    assert.notEqual(newKid, first.kid);
    assert.equal((await keys.signingKey()).kid, newKid);
    assert.deepEqual((await keys.publicJwks()).keys.map((k) => k.kid).sort(), [first.kid, newKid].sort());
    // Past the access-token lifetime plus cache and skew margins, the old key is gone.
    t += tokens.accessTokenTtl * 1000 + KEY_CACHE_MS + 61_000;
    assert.deepEqual((await keys.publicJwks()).keys.map((k) => k.kid), [newKid]);
    await store.close();
  });

  it('keeps one signer when two instances created keys at once', async () => {
    const t = 1_000_000_000_000;
    const store = await openStore('memory', { clock: () => t });
    const tokens = parseConfig({}).authorizationServer.tokens;
    const sealer = createSealer([generateSealingKey('t1')]);
    const options = { store, sealer, tokens, logger: createLogger('silent'), now: () => t };
    const [a, b] = [createKeySet(options), createKeySet(options)];
    await Promise.all([a.signingKey(), b.signingKey()]);
    const c = createKeySet(options);
    await c.signingKey();
    const active = (await store.listSigningKeys()).filter((k) => k.status === 'active');
    assert.equal(active.length, 1);
    await store.close();
  });
});
