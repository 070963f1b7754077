import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { ROOT, startCli } from '../helpers/cli.js';

// The bundle `npm start` and the installed `gatehouse` command run (scripts/bundle-cli.mjs),
// built afresh from this source. It lives under node_modules so that its external packages
// (better-sqlite3, pg, ioredis) resolve as they do from dist/cli.
describe('the bundled gatehouse command', () => {
  const cache = join(ROOT, 'node_modules', '.cache');
  let out: string;
  let data: string;
  before(async () => {
    mkdirSync(cache, { recursive: true });
    out = mkdtempSync(join(cache, 'gatehouse-bundle-test-'));
    data = mkdtempSync(join(tmpdir(), 'gatehouse-bundle-data-'));
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/bundle-cli.mjs'), out]);
  });
  after(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('is a program and a SQLite thread entry, with the lazily loaded stores as chunks of their own', () => {
    const files = readdirSync(out).filter((name) => name.endsWith('.js'));
    assert.ok(files.includes('gatehouse.js') && files.includes('sqlite-thread.js'));
    for (const lazy of ['redis-', 'postgres-', 'sqlite-threaded-']) assert.ok(files.some((name) => name.startsWith(lazy)), `${lazy}… is a chunk`);
  });

  it('serves the demo on a SQLite store (its thread started from the bundle): metadata, the 401 challenge, a first user', async () => {
    const { child, match, output } = await startCli(
      ['serve', '--port', '0', '--store', `sqlite:${join(data, 'store.db')}`],
      /MCP endpoint:\s+(http:\/\/\S+)/,
      {},
      { built: join(out, 'gatehouse.js') },
    );
    try {
      const mcpUrl = new URL(match[1]!);
      const metadata = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', mcpUrl));
      assert.equal(metadata.status, 200);
      assert.equal(((await metadata.json()) as { resource: string }).resource, mcpUrl.href);
      const challenge = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(challenge.status, 401);
      assert.match(challenge.headers.get('www-authenticate') ?? '', /^Bearer resource_metadata="/);
      await new Promise((r) => setTimeout(r, 100));
      assert.match(output(), /Username: demo\n\s+Password: \S{12,}/, 'the store took the first user');
    } finally {
      child.kill();
      await new Promise((r) => child.once('exit', r));
    }
  });
});
