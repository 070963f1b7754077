import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet } from 'jose';
import type { Principal, TokenVerifier } from '../../src/resource/principal.js';
import { cachedVerifier } from '../../src/resource/verifiers/cached.js';
import { jwtVerifier } from '../../src/resource/verifiers/jwt.js';
import { ISSUER, mintJwt, signingKey } from './helpers.js';

const RESOURCE = 'https://mcp.example.com/mcp';

function counting(inner: TokenVerifier): TokenVerifier & { calls: number } {
  const counted = { ...inner, calls: 0, verify: async (token: string) => (counted.calls++, inner.verify(token)) };
  return counted;
}

describe('verified-token cache', () => {
  it('verifies a repeated JWT once, and sees a grant revocation on the next use', async () => {
    const key = await signingKey();
    const revokedGrants = new Set<string>();
    const inner = counting(
      jwtVerifier({
        issuer: ISSUER,
        audience: RESOURCE,
        keys: createLocalJWKSet({ keys: [key.publicJwk] }),
        algorithms: ['ES256'],
        clockToleranceSeconds: 30,
        isRevoked: async ({ gid }) => gid !== undefined && revokedGrants.has(gid),
      }),
    );
    const verifier = cachedVerifier(inner, { maxEntries: 100 });
    const token = await mintJwt(key, RESOURCE, { gid: 'grant-1' });
    for (let i = 0; i < 5; i++) assert.equal((await verifier.verify(token)).grantId, 'grant-1');
    assert.equal(inner.calls, 1);
    revokedGrants.add('grant-1');
    await assert.rejects(verifier.verify(token), /revoked/);
    await assert.rejects(verifier.verify(token), /revoked/);
  });

  it('never keeps an entry past exp, and stays within maxEntries', async () => {
    let now = 1_000_000;
    const made: Principal[] = [];
    const inner = counting({
      async verify(token) {
        const p: Principal = { subject: token, clientId: 'c', scopes: [], audience: [RESOURCE], expiresAt: now + 1000, kind: 'opaque' };
        made.push(p);
        return p;
      },
    });
    const verifier = cachedVerifier(inner, { maxEntries: 2, now: () => now });
    await verifier.verify('a');
    await verifier.verify('a');
    assert.equal(inner.calls, 1);
    now += 1000;
    await verifier.verify('a');
    assert.equal(inner.calls, 2, 'expired entry verified again');
    await verifier.verify('b');
    await verifier.verify('c');
    await verifier.verify('a');
    assert.equal(inner.calls, 5, 'least recently used entry (a) was evicted');
  });

  it('respects the verifier maxCacheMs (introspection bound)', async () => {
    let now = 0;
    const inner = counting({
      maxCacheMs: 500,
      async verify() {
        return { subject: 's', clientId: 'c', scopes: [], audience: [RESOURCE], expiresAt: now + 60_000, kind: 'opaque' };
      },
    });
    const verifier = cachedVerifier(inner, { maxEntries: 10, now: () => now });
    await verifier.verify('t');
    now = 499;
    await verifier.verify('t');
    assert.equal(inner.calls, 1);
    now = 500;
    await verifier.verify('t');
    assert.equal(inner.calls, 2);
  });

  it('does not cache failures', async () => {
    const inner = counting({
      async verify() {
        throw new Error('nope');
      },
    });
    const verifier = cachedVerifier(inner, { maxEntries: 10 });
    await assert.rejects(verifier.verify('x'));
    await assert.rejects(verifier.verify('x'));
    assert.equal(inner.calls, 2);
  });
});
