import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../runtime/start-worker.js';

/** A new SQLite thread, booting: it loads its modules, then waits for the `open` message that names the database. */
export function startSqliteThread(): Worker {
  return startWorker(import.meta.url, 'sqlite-thread');
}

let prestarted: Worker | undefined;

/**
 * Starts the SQLite thread at the very beginning of the program, so that its boot (≈50–90 ms:
 * a new V8 isolate, better-sqlite3, the store's modules) runs on another core while this one
 * loads the rest of the program, instead of after it. Unused, it never keeps the process alive.
 * This module imports nothing else of Gatehouse but `startWorker`, so it loads at once.
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
