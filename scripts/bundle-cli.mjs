#!/usr/bin/env node
// Bundles the gatehouse command into dist/cli/ (or the folder given): one file for the program
// and one for the SQLite thread, plus chunks for what loads lazily (the Redis and PostgreSQL
// stores, the rest of the program behind the thread's prestart). Most of a cold start was
// Node finding, reading and compiling ~600 module files one by one (docs/performance.md §5);
// a bundle is a handful of files. The library (`import … from 'gatehouse'`) is not bundled.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = process.argv[2] ?? `${root}/dist/cli`;

await build({
  absWorkingDir: root,
  entryPoints: { gatehouse: 'src/cli/main.ts', 'sqlite-thread': 'src/store/backends/sqlite-thread.ts', 'signing-thread': 'src/token/keys/signing-thread.ts' },
  outdir,
  // Chunks beside the entries: the thread's entry is found relative to the module that starts it.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons, and drivers with optional native parts of their own: loaded from node_modules.
  external: ['better-sqlite3', 'pg', 'ioredis', '@napi-rs/keyring'],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __gatehouseRequire } from 'node:module'; const require = __gatehouseRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
