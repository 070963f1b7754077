import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { ROOT } from '../helpers/cli.js';

/** What `gatehouse/local` pulls into a local server: nothing of the HTTP server side. */
describe('gatehouse/local stays apart from the server side', () => {
  it('its module graph has no Hono, store backend, database driver or server room', async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ['src/local/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      external: ['@napi-rs/keyring'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    // app/loopback.ts is a leaf (ipaddr.js only) that the provider code shares: allowed.
    const server = inputs.filter((path) => path !== 'src/app/loopback.ts').filter((path) => /node_modules\/(hono|@hono|better-sqlite3|ioredis|pg|lru-cache)\/|^src\/(app|store|http|authorize|token|mcp|resource|clients|ui|users|metadata|runtime)\//.test(path));
    assert.deepEqual(server, []);
    assert.ok(inputs.includes('src/upstream/providers/presets.ts'), 'the presets are the shared ones');
  });
});
