import type { Worker } from 'node:worker_threads';
import { createOutbox } from './outbox.js';

/** The answer to one call, as the caller's side decodes it from the thread's message. */
export type ThreadAnswer<V> = { id: number; value: V } | { id: number; error: Error };

export interface ThreadCalls<C, V> {
  /** Sends the call made for its id, with other calls of this turn; settles with its answer. */
  call(make: (id: number) => C): Promise<V>;
  /** Why the thread can answer no more (it failed or ended); every call since is refused with it. */
  readonly stopped: Error | undefined;
}

/**
 * Calls per message at most. With every call of a turn in one message, a thread's answers all
 * came back in one message too, so the requests under load moved through their hops (store,
 * signing thread, store) in lockstep: each thread idled while another worked through the whole
 * batch, and a third of the two cores stayed idle whatever the concurrency. Sending every 8
 * calls lets the thread start on them while the event loop handles the rest of its turn: SQLite
 * refresh rotations +9–14 % in A/B runs, memory within the noise (docs/performance.md §10); 4
 * to a message gained less, 16 the same.
 */
const CALLS_PER_MESSAGE = 8;

export interface ThreadCallsOptions<C, V> {
  /** How errors name the thread: "the SQLite thread". */
  name: string;
  /** Posts calls of one turn as one message. */
  send(calls: C[]): void;
  /** The answers a message carries (`undefined`: a message that answers nothing). */
  answers(message: unknown): ThreadAnswer<V>[] | undefined;
  /** While true, the thread keeps the process alive even with no call waiting (a close in progress). */
  holdWhileIdle?: () => boolean;
}

/**
 * Calls to a worker thread and their answers: the calls of one turn of the event loop go
 * together (`createOutbox`), `CALLS_PER_MESSAGE` to a message, each answer settles its call, and
 * the thread keeps the process alive only while calls wait for it, so a program that forgets to
 * close it still ends. A thread that fails or ends rejects what it was asked, and every later
 * call.
 */
export function threadCalls<C, V>(worker: Worker, options: ThreadCallsOptions<C, V>): ThreadCalls<C, V> {
  const pending = new Map<number, { resolve(value: V): void; reject(error: Error): void }>();
  const outbox = createOutbox<C>(options.send, CALLS_PER_MESSAGE);
  let nextId = 0;
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(stopped);
    pending.clear();
  };
  worker.on('message', (message: unknown) => {
    const answers = options.answers(message);
    if (!answers) return;
    for (const answer of answers) {
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if ('error' in answer) waiting?.reject(answer.error);
      else waiting?.resolve(answer.value);
    }
    if (pending.size === 0 && !options.holdWhileIdle?.()) worker.unref();
  });
  worker.on('error', (error) => stop(new Error(`${options.name} failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => stop(new Error(`${options.name} has stopped (exit code ${code})`)));
  worker.unref();
  return {
    call: (make) =>
      new Promise<V>((resolve, reject) => {
        if (stopped) return reject(stopped);
        const id = nextId++;
        if (pending.size === 0) worker.ref();
        pending.set(id, { resolve, reject });
        outbox.push(make(id));
      }),
    get stopped() {
      return stopped;
    },
  };
}
