import type { Store } from '../contract.js';
import type { Clock } from '../rules.js';
import { startSqliteThread, takePrestartedSqliteThread } from './sqlite-prestart.js';
import { createOutbox } from '../../runtime/outbox.js';
import { fromThreadError, STORE_METHODS, type StoreCall, type StoreCalls, type StoreMethod, type StoreOpen, type StoreReply } from './thread-messages.js';

/**
 * The SQLite store, run in a worker thread of its own (`sqlite-thread.ts`); every contract
 * method is one call there and one answer back, the calls of one turn of the event loop in one
 * message, the answers of one commit in one message. Opening fails as the in-thread store would (a
 * `ConfigError` naming `store.url`). The worker keeps the process alive only while calls are
 * waiting for it, so a forgotten `close()` never hangs an exiting program.
 */
export async function openThreadedSqliteStore(path: string, clock: Clock, synchronous: 'normal' | 'full'): Promise<Store> {
  const worker = takePrestartedSqliteThread() ?? startSqliteThread();
  // Held while opening: a prestarted thread is unreferenced, and the program waits on this open.
  worker.ref();
  worker.postMessage({ open: { path, synchronous } } satisfies StoreOpen);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopped: Error | undefined;
  let closing = false;

  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the SQLite thread exited (code ${code}) while opening ${path}`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (message: StoreReply) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if ('failed' in message) reject(fromThreadError(message.failed));
      else resolve();
    });
  });

  const fail = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(stopped);
    pending.clear();
  };
  worker.on('message', (message: StoreReply) => {
    if (!('replies' in message)) return;
    for (const answer of message.replies) {
      const call = pending.get(answer.id);
      if (!call) continue;
      pending.delete(answer.id);
      if ('error' in answer) call.reject(fromThreadError(answer.error));
      else call.resolve(answer.value);
    }
    if (pending.size === 0 && !closing) worker.unref();
  });
  worker.on('error', (error) => fail(new Error(`the SQLite thread failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => fail(new Error(`the SQLite thread has stopped (exit code ${code})`)));
  worker.unref();

  const calls = createOutbox<StoreCall>((batch) => worker.postMessage({ calls: batch } satisfies StoreCalls));
  const call = (method: StoreMethod, args: unknown[]) =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      calls.push({ id, method, args, now: clock() });
    });

  const store = Object.fromEntries(STORE_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as Store;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return Object.assign(store, {
    kind: 'sqlite',
    // Resolves once the thread has closed the database and ended.
    close: async () => {
      closing = true;
      worker.ref();
      await call('close', []);
      await exited;
    },
  });
}
