// The signing thread: signs each batch of JWS inputs it is sent, synchronously, and answers the
// batch in one message (see thread-signer.ts for why signatures are made here).
import { sign } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { SignJob, SignJobs, SignResult, SignResults } from './thread-signer.js';

const port = parentPort!;

function signOne({ id, digest, dsaEncoding, key, input }: SignJob): SignResult {
  try {
    const signature = sign(digest, Buffer.from(input, 'ascii'), dsaEncoding ? { key, dsaEncoding } : key);
    return { id, signature: signature.toString('base64url') };
  } catch (error) {
    return { id, error: (error as Error).message };
  }
}

port.on('message', ({ jobs }: SignJobs) => port.postMessage({ results: jobs.map(signOne) } satisfies SignResults));
