// The signing thread: signs each batch of JWS inputs it is sent, synchronously, and answers the
// batch in one message (see thread-signer.ts for why signatures are made here).
import { parentPort } from 'node:worker_threads';
import { signNow, type SignJob, type SignJobs, type SignResult, type SignResults } from './sign-job.js';

const port = parentPort!;

function signOne(job: SignJob): SignResult {
  try {
    return { id: job.id, signature: signNow(job) };
  } catch (error) {
    return { id: job.id, error: (error as Error).message };
  }
}

port.on('message', ({ jobs }: SignJobs) => port.postMessage({ results: jobs.map(signOne) } satisfies SignResults));
