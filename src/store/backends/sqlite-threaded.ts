import type { Store } from '../contract.js';
import type { Clock } from '../rules.js';
import { startSqliteThread, takePrestartedSqliteThread } from './sqlite-prestart.js';
import { EVENT_LOOP_READS, openSqliteReader, type EventLoopRead, type SqliteReader } from './sqlite-reader.js';
import { ConfigError } from '../../errors/config-error.js';
import { threadCalls } from '../../runtime/thread-calls.js';
import { fromThreadError, STORE_METHODS, type StoreCall, type StoreCalls, type StoreMethod, type StoreOpen, type StoreReply } from './thread-messages.js';

/**
 * The SQLite store, run in a worker thread of its own (`sqlite-thread.ts`); every contract
 * method is one call there and one answer back, the calls of one turn of the event loop in a few
 * messages (`threadCalls`), the answers of one commit in one message. Opening fails as the
 * in-thread store would (a `ConfigError` naming `store.url`). The worker keeps the process alive only while calls are
 * waiting for it, so a forgotten `close()` never hangs an exiting program. The point reads of
 * the request path (`EVENT_LOOP_READS`) are made on the event loop instead, through a read-only
 * connection of its own (`sqlite-reader.ts`); the thread answers one only when the file is busy.
 */
export async function openThreadedSqliteStore(path: string, clock: Clock, synchronous: 'normal' | 'full'): Promise<Store> {
  const worker = takePrestartedSqliteThread() ?? startSqliteThread();
  // Held while opening: a prestarted thread is unreferenced, and the program waits on this open.
  worker.ref();
  worker.postMessage({ open: { path, synchronous } } satisfies StoreOpen);
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

  const calls = threadCalls<StoreCall, unknown>(worker, {
    name: 'the SQLite thread',
    send: (batch) => worker.postMessage({ calls: batch } satisfies StoreCalls),
    answers: (message) => {
      const reply = message as StoreReply;
      if (!('replies' in reply)) return undefined;
      return reply.replies.map((answer) => ('error' in answer ? { id: answer.id, error: fromThreadError(answer.error) } : answer));
    },
    holdWhileIdle: () => closing,
  });
  const call = (method: StoreMethod, args: unknown[]) => calls.call((id) => ({ id, method, args, now: clock() }));

  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const closeThread = async () => {
    closing = true;
    worker.ref();
    await call('close', []);
    await exited;
  };

  // Opened once the thread has migrated the file: the reader's statements need the tables.
  let reader: SqliteReader;
  try {
    reader = openSqliteReader(path, clock);
  } catch (cause) {
    await closeThread().catch(() => undefined);
    throw new ConfigError('store.url', `cannot open the SQLite database ${path} for reading: ${(cause as Error).message}`, { cause });
  }
  // A thread that ended takes the reader with it: reads then fail as every other call does.
  worker.once('exit', () => void reader.close().catch(() => undefined));
  const reads = new Set<StoreMethod>(EVENT_LOOP_READS);
  const readHere = async (method: EventLoopRead, args: unknown[]) => {
    if (closing || calls.stopped) return call(method, args);
    try {
      return await (reader[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return call(method, args);
      throw error;
    }
  };
  const store = Object.fromEntries(
    STORE_METHODS.map((method) => [method, (...args: unknown[]) => (reads.has(method) ? readHere(method as EventLoopRead, args) : call(method, args))]),
  ) as unknown as Store;
  return Object.assign(store, {
    kind: 'sqlite',
    // Resolves once the thread has closed the database and ended.
    close: async () => {
      closing = true;
      try {
        await reader.close();
      } finally {
        await closeThread();
      }
    },
  });
}
