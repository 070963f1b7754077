import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBase64url, randomBytesPooled } from '../../src/crypto/random-pool.js';
import { newId, newSecret } from '../../src/crypto/hash.js';

describe('pooled randomness', () => {
  it('never hands out the same bytes twice, across many pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(randomBase64url(16));
    assert.equal(seen.size, 20_000);
  });

  it('gives the size asked for: 32-byte secrets (43 base64url chars), 16-byte ids, raw IVs', () => {
    assert.match(newSecret('grt_'), /^grt_[A-Za-z0-9_-]{43}$/);
    assert.match(newId(), /^[A-Za-z0-9_-]{22}$/);
    assert.equal(randomBytesPooled(12).length, 12);
  });

  it('a returned buffer is the caller\'s own: later draws do not change it', () => {
    const iv = randomBytesPooled(12);
    const copy = Buffer.from(iv);
    for (let i = 0; i < 1000; i++) randomBytesPooled(12);
    assert.deepEqual(iv, copy);
  });

  it('refuses a draw larger than the pool instead of returning short', () => {
    assert.throws(() => randomBytesPooled(4097), RangeError);
  });

  it('looks uniform: every base64url character turns up in 2,000 secrets', () => {
    const chars = new Set([...Array.from({ length: 2000 }, () => newSecret()).join('')]);
    assert.equal(chars.size, 64);
  });
});
