import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The SQLite thread's entry beside this file: `.ts` when run from source (tests, bench), `.js` when built. */
const FROM_SOURCE = extname(new URL(import.meta.url).pathname) === '.ts';
const THREAD_ENTRY = new URL(`./sqlite-thread${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/**
 * A new SQLite thread, booting: it loads its modules, then waits for the `open` message that
 * names the database. Node 20 does not pass `--import` loaders such as tsx on to worker threads
 * (nodejs/node#47747, fixed in 22.2), so one started from source registers tsx itself first.
 */
export function startSqliteThread(): Worker {
  if (!FROM_SOURCE) return new Worker(THREAD_ENTRY);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(THREAD_ENTRY.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

let prestarted: Worker | undefined;

/**
 * Starts the SQLite thread at the very beginning of the program, so that its boot (≈50–90 ms:
 * a new V8 isolate, better-sqlite3, the store's modules) runs on another core while this one
 * loads the rest of the program, instead of after it. Unused, it never keeps the process alive.
 * This module imports nothing else of Gatehouse, so it loads at once.
 */
export function prestartSqliteThread(): void {
  prestarted ??= startSqliteThread();
  prestarted.unref();
}

/** The prestarted thread, handed over once (`undefined` if none was started or it was taken). */
export function takePrestartedSqliteThread(): Worker | undefined {
  const worker = prestarted;
  prestarted = undefined;
  return worker;
}

/** Stops a prestarted thread the configuration turned out not to need. */
export function discardPrestartedSqliteThread(): void {
  void takePrestartedSqliteThread()?.terminate();
}
