import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../runtime/start-worker.js';
import { threadCalls, type ThreadCalls } from '../../runtime/thread-calls.js';
import { signNow, type SignJob, type SignJobs, type SignResults } from './sign-job.js';

export type SignInThread = (job: Omit<SignJob, 'id'>) => Promise<string>;

/**
 * Signatures (base64url) made in a signing thread. Why a thread of our own rather than libuv's
 * pool (the callback form of `crypto.sign`): each pooled signature is a job of its own, and each
 * wakes a pool thread that, on a machine with few cores, preempts the event loop that woke it —
 * measured ≈70–115 µs of event-loop time per signature under load, against ≈4 µs alone. Here
 * the signatures asked for during one turn of the event loop go in a few messages
 * (`threadCalls`), each answered by one; refresh rotations on the memory store: +19 % in A/B
 * (docs/performance.md §9).
 * The thread starts on first use and never keeps the process alive while nothing is waiting; one
 * that failed or ended after it had signed is replaced by the next signature. One that stops
 * before its first answer, or cannot be started at all, cannot run here (a host's bundler left
 * `signing-thread.js` out, or threads are not allowed): signatures are then made on the event
 * loop for the rest of the process, slower under load but still made, and `warn` says so once.
 * A transient failure of that first start gives the thread up too: a slower signer is the
 * safer failure than retrying a thread on every token request.
 */
export function createThreadSigner(start: () => Worker, warn: (message: string) => void): SignInThread {
  let thread: { calls: ThreadCalls<SignJob, string>; answered: boolean } | undefined;
  let unavailable = false;
  const signHere = (job: Omit<SignJob, 'id'>, why: Error) => {
    if (!unavailable) warn(`Gatehouse signs tokens on the event loop: ${why.message}`);
    unavailable = true;
    try {
      return signNow(job);
    } catch (error) {
      throw new Error(`signing failed: ${(error as Error).message}`, { cause: error });
    }
  };
  return async (job) => {
    if (unavailable) return signHere(job, new Error('no signing thread'));
    try {
      if (!thread || thread.calls.stopped) thread = startSigningThread(start());
    } catch (error) {
      // `new Worker` refused at once: no permission for threads (`--permission`), no module URL.
      return signHere(job, new Error(`the signing thread cannot start: ${(error as Error).message}`, { cause: error }));
    }
    const current = thread;
    try {
      return await current.calls.call((id) => ({ ...job, id }));
    } catch (error) {
      if (!current.calls.stopped || current.answered) throw error;
      return signHere(job, current.calls.stopped);
    }
  };
}

function startSigningThread(worker: Worker): { calls: ThreadCalls<SignJob, string>; answered: boolean } {
  const thread = {
    answered: false,
    calls: threadCalls<SignJob, string>(worker, {
      name: 'the signing thread',
      send: (jobs) => worker.postMessage({ jobs } satisfies SignJobs),
      answers: (message) => {
        thread.answered = true;
        return (message as SignResults).results.map((result) =>
          'error' in result ? { id: result.id, error: new Error(`signing failed: ${result.error}`) } : { id: result.id, value: result.signature },
        );
      },
    }),
  };
  return thread;
}

/** The process's signer: `signing-thread` beside this module, warnings as process warnings. */
export const signInThread: SignInThread = createThreadSigner(
  () => startWorker(import.meta.url, 'signing-thread'),
  (message) => process.emitWarning(message, { code: 'GATEHOUSE_SIGNING_THREAD' }),
);
