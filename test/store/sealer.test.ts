import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createSealer,
  formatSealingKeys,
  generateSealingKey,
  parseSealingKeys,
  SealError,
} from '../../src/crypto/sealer.js';

describe('sealer', () => {
  const k1 = generateSealingKey('k1');
  const k2 = generateSealingKey('k2');

  it('seals as v1.<kid>.<iv>.<ct+tag> and opens it again, with a fresh IV each time', () => {
    const sealer = createSealer([k1]);
    const sealed = sealer.seal('upstream-access-token', 'user-1/github');
    assert.match(sealed, /^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.ok(!sealed.includes('upstream-access-token'));
    assert.equal(sealer.open(sealed, 'user-1/github'), 'upstream-access-token');
    assert.notEqual(sealer.seal('same'), sealer.seal('same'));
  });

  it('seals with the first key and opens with any, so keys can be rolled', () => {
    const old = createSealer([k1]).seal('secret');
    const rolled = createSealer([k2, k1]);
    assert.equal(rolled.sealingKid, 'k2');
    assert.equal(rolled.open(old), 'secret');
    assert.match(rolled.seal('x'), /^v1\.k2\./);
  });

  it('refuses a wrong AAD, a tampered value, an unknown kid, a relabelled kid and junk', () => {
    const sealer = createSealer([k1, k2]);
    const sealed = sealer.seal('secret', 'aad-1');
    assert.throws(() => sealer.open(sealed, 'aad-2'), SealError);
    assert.throws(() => sealer.open(sealed), SealError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    assert.throws(() => sealer.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'aad-1'), SealError);
    assert.throws(() => sealer.open(['v1', 'k2', parts[2], parts[3]].join('.'), 'aad-1'), SealError, 'the kid is authenticated');
    assert.throws(() => createSealer([k2]).open(sealed, 'aad-1'), /unknown key id "k1"/);
    assert.throws(() => sealer.open('not-sealed'), SealError);
    assert.throws(() => sealer.open('v1.k1.AAAA.AAAA'), SealError);
  });

  it('parses and formats kid:base64urlKey lists, refusing bad ones with the reason', () => {
    const text = formatSealingKeys([k1, k2]);
    assert.deepEqual(parseSealingKeys(` ${text} `), [k1, k2]);
    assert.throws(() => parseSealingKeys(''), /holds no key/);
    assert.throws(() => parseSealingKeys('nokid'), /not kid:base64urlKey/);
    assert.throws(() => parseSealingKeys('k:short'), /32 bytes/);
    assert.throws(() => parseSealingKeys('k:not+base64/url='), /not base64url/);
    assert.throws(() => createSealer([k1, { ...k2, kid: 'k1' }]), /appears twice/);
    assert.throws(() => createSealer([{ kid: 'bad kid', key: k1.key }]), /must be 1-64/);
    assert.throws(() => createSealer([]), /at least one key/);
  });
});
