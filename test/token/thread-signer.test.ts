import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startWorker } from '../../src/runtime/start-worker.js';
import { generateSigningKey } from '../../src/token/keys/generate-signing-key.js';
import { createThreadSigner, signInThread } from '../../src/token/keys/thread-signer.js';

const ecKey = async () => createPrivateKey({ key: (await generateSigningKey('ES256')).privateJwk as never, format: 'jwk' });
const verifies = (key: Awaited<ReturnType<typeof ecKey>>, input: string, signature: string) =>
  verify('sha256', Buffer.from(input), { key: createPublicKey(key), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
const THREAD_SIGNER = new URL('../../src/token/keys/thread-signer.ts', import.meta.url).href;

describe('the signing thread', () => {
  it('signs a burst of concurrent inputs, each answer for its own input', async () => {
    const key = await ecKey();
    const inputs = Array.from({ length: 100 }, (_, i) => `input-${i}`);
    const signatures = await Promise.all(inputs.map((input) => signInThread({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input })));
    inputs.forEach((input, i) => {
      assert.ok(verifies(key, input, signatures[i]!), `signature ${i} verifies for its input`);
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

  it('signs on the event loop, and says so once, when its thread cannot start (a bundle without signing-thread.js)', async () => {
    const key = await ecKey();
    const warnings: string[] = [];
    let starts = 0;
    const sign = createThreadSigner(() => {
      starts++;
      return new Worker(new URL('file:///nonexistent/signing-thread.js'));
    }, (message) => warnings.push(message));
    const first = await Promise.all(['a', 'b', 'c'].map((input) => sign({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input })));
    const later = await sign({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input: 'd' });
    ['a', 'b', 'c'].forEach((input, i) => assert.ok(verifies(key, input, first[i]!), `the waiting signature ${input} was made`));
    assert.ok(verifies(key, 'd', later));
    assert.equal(starts, 1, 'no thread is started again once one could not run');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /on the event loop: the signing thread failed: Cannot find module/);
  });

  it('signs on the event loop when a thread cannot even be created (threads not permitted)', async () => {
    const key = await ecKey();
    const warnings: string[] = [];
    let starts = 0;
    const sign = createThreadSigner(() => {
      starts++;
      throw Object.assign(new Error('Access to this API has been restricted'), { code: 'ERR_ACCESS_DENIED' });
    }, (message) => warnings.push(message));
    assert.ok(verifies(key, 'a', await sign({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input: 'a' })));
    assert.ok(verifies(key, 'b', await sign({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input: 'b' })));
    assert.equal(starts, 1);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /cannot start: Access to this API has been restricted/);
    await assert.rejects(sign({ digest: 'no-such-digest', key, input: 'c' }), /signing failed/);
  });

  it('a thread that stops after it has signed is replaced by the next signature, not given up on', async () => {
    const key = await ecKey();
    const warnings: string[] = [];
    const workers: Worker[] = [];
    const sign = createThreadSigner(() => {
      workers.push(startWorker(THREAD_SIGNER, 'signing-thread'));
      return workers.at(-1)!;
    }, (message) => warnings.push(message));
    assert.ok(verifies(key, 'a', await sign({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input: 'a' })));
    await workers[0]!.terminate();
    assert.ok(verifies(key, 'b', await sign({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key, input: 'b' })));
    assert.equal(workers.length, 2);
    assert.deepEqual(warnings, []);
    await workers[1]!.terminate();
  });

  it('never keeps a program alive once its signatures are made', async () => {
    const script = `
      import { generateKeyPairSync } from 'node:crypto';
      import { signInThread } from ${JSON.stringify(THREAD_SIGNER)};
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await signInThread({ digest: 'sha256', dsaEncoding: 'ieee-p1363', key: privateKey, input: 'x' });
      console.log('signed');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
    assert.equal(stdout.trim(), 'signed');
  });
});
