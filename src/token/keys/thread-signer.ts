import type { KeyObject } from 'node:crypto';
import { startWorker } from '../../runtime/start-worker.js';
import { threadCalls, type ThreadCalls } from '../../runtime/thread-calls.js';

/** One signature to make: `input` is the JWS signing input (ASCII). */
export interface SignJob {
  id: number;
  digest: string | null;
  dsaEncoding?: 'ieee-p1363';
  key: KeyObject;
  input: string;
}
export interface SignJobs {
  jobs: SignJob[];
}
export type SignResult = { id: number; signature: string } | { id: number; error: string };
export interface SignResults {
  results: SignResult[];
}

let thread: ThreadCalls<SignJob, string> | undefined;

/**
 * A signature (base64url) made in the signing thread. Why a thread of our own rather than
 * libuv's pool (the callback form of `crypto.sign`): each pooled signature is a job of its own,
 * and each wakes a pool thread that, on a machine with few cores, preempts the event loop that
 * woke it — measured ≈70–115 µs of event-loop time per signature under load, against ≈4 µs
 * alone. Here the signatures asked for during one turn of the event loop go in a few messages
 * (`threadCalls`), each answered by one; refresh rotations on the memory store: +19 % in A/B
 * (docs/performance.md §9).
 * The thread starts on first use and never keeps the process alive while nothing is waiting; one
 * that failed or ended is replaced by the next signature.
 */
export function signInThread(job: Omit<SignJob, 'id'>): Promise<string> {
  if (!thread || thread.stopped) thread = startSigningThread();
  return thread.call((id) => ({ ...job, id }));
}

function startSigningThread(): ThreadCalls<SignJob, string> {
  const worker = startWorker(import.meta.url, 'signing-thread');
  return threadCalls<SignJob, string>(worker, {
    name: 'the signing thread',
    send: (jobs) => worker.postMessage({ jobs } satisfies SignJobs),
    answers: (message) =>
      (message as SignResults).results.map((result) =>
        'error' in result ? { id: result.id, error: new Error(`signing failed: ${result.error}`) } : { id: result.id, value: result.signature },
      ),
  });
}
