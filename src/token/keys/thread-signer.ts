import type { KeyObject } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../runtime/start-worker.js';
import { createOutbox } from '../../runtime/outbox.js';

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

interface SigningThread {
  worker: Worker;
  pending: Map<number, { resolve(signature: string): void; reject(error: Error): void }>;
  jobs: ReturnType<typeof createOutbox<SignJob>>;
}

let thread: SigningThread | undefined;
let nextId = 0;

/**
 * A signature (base64url) made in the signing thread. Why a thread of our own rather than
 * libuv's pool (the callback form of `crypto.sign`): each pooled signature is a job of its own,
 * and each wakes a pool thread that, on a machine with few cores, preempts the event loop that
 * woke it — measured ≈70–110 µs of event-loop time per signature under load, against ≈4 µs
 * alone. Here the signatures asked for during one turn of the event loop go as one message and
 * come back as one; refresh rotations on the memory store: +46 % (docs/performance.md §9).
 * The thread starts on first use and never keeps the process alive while nothing is waiting.
 */
export function signInThread(job: Omit<SignJob, 'id'>): Promise<string> {
  const running = (thread ??= startSigningThread());
  return new Promise((resolve, reject) => {
    const id = nextId++;
    if (running.pending.size === 0) running.worker.ref();
    running.pending.set(id, { resolve, reject });
    running.jobs.push({ ...job, id });
  });
}

function startSigningThread(): SigningThread {
  const worker = startWorker(import.meta.url, 'signing-thread');
  const pending: SigningThread['pending'] = new Map();
  const started: SigningThread = { worker, pending, jobs: createOutbox((jobs) => worker.postMessage({ jobs } satisfies SignJobs)) };
  worker.on('message', ({ results }: SignResults) => {
    for (const result of results) {
      const waiting = pending.get(result.id);
      pending.delete(result.id);
      if ('error' in result) waiting?.reject(new Error(`signing failed: ${result.error}`));
      else waiting?.resolve(result.signature);
    }
    if (pending.size === 0) worker.unref();
  });
  // A thread that fails or ends fails what it was asked; the next signature starts a new one.
  const stop = (error: Error) => {
    if (thread === started) thread = undefined;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('error', (error) => stop(new Error(`the signing thread failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => stop(new Error(`the signing thread stopped (exit code ${code})`)));
  worker.unref();
  return started;
}
