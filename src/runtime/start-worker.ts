import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module `name` beside `callerUrl` (the caller's `import.meta.url`):
 * `name.ts` when the caller runs from source (tests, bench), `name.js` when built or bundled.
 * Node 20 does not pass `--import` loaders such as tsx on to worker threads (nodejs/node#47747,
 * fixed in 22.2), so a worker started from source registers tsx itself first.
 */
export function startWorker(callerUrl: string, name: string): Worker {
  const fromSource = extname(new URL(callerUrl).pathname) === '.ts';
  const entry = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, callerUrl);
  if (!fromSource) return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
