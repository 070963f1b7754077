import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { generateSigningKey } from '../../src/token/keys/generate-signing-key.js';
import { signInThread } from '../../src/token/keys/thread-signer.js';

const ecKey = async () => createPrivateKey({ key: (await generateSigningKey('ES256')).privateJwk as never, format: 'jwk' });

describe('the signing thread', () => {
  it('signs a burst of concurrent inputs, each answer for its own input', async () => {
    const key = await ecKey();
    const inputs = Array.from({ length: 100 }, (_, i) => `input-${i}`);
    const signatures = await Promise.all(inputs.map((input) => signInThread({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input })));
    inputs.forEach((input, i) => {
      const valid = verify('sha256', Buffer.from(input), { key: createPublicKey(key), dsaEncoding: 'ieee-p1363' }, Buffer.from(signatures[i]!, 'base64url'));
      assert.ok(valid, `signature ${i} verifies for its input`);
    });
  });

  it('a signature that cannot be made fails alone; the others in its batch are made', async () => {
    const key = await ecKey();
    const [good, bad] = await Promise.allSettled([
      signInThread({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input: 'a' }),
      signInThread({ digest: 'no-such-digest', key, input: 'b' }),
    ]);
    assert.equal(good.status, 'fulfilled');
    assert.equal(bad.status, 'rejected');
    assert.match(String((bad as PromiseRejectedResult).reason), /signing failed/);
  });

  it('never keeps a program alive once its signatures are made', async () => {
    const script = `
      import { generateKeyPairSync } from 'node:crypto';
      import { signInThread } from ${JSON.stringify(new URL('../../src/token/keys/thread-signer.ts', import.meta.url).href)};
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await signInThread({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key: privateKey, input: 'x' });
      console.log('signed');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
    assert.equal(stdout.trim(), 'signed');
  });
});
