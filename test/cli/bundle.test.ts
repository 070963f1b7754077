import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { SignJobs, SignResults } from '../../src/token/keys/sign-job.js';
import { ROOT, startCli } from '../helpers/cli.js';
import { needs, postgresUrl, redisUrl, serviceUnavailable, uniqueName } from '../store/services.js';

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

  it('is a program, a SQLite thread and a signing thread entry, with the lazily loaded stores as chunks of their own', () => {
    const files = readdirSync(out).filter((name) => name.endsWith('.js'));
    assert.ok(files.includes('gatehouse.js') && files.includes('sqlite-thread.js') && files.includes('signing-thread.js'));
    for (const lazy of ['redis-', 'postgres-', 'sqlite-threaded-']) assert.ok(files.some((name) => name.startsWith(lazy)), `${lazy}… is a chunk`);
  });

  it('its signing thread, started beside the program as the program starts it, signs', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const worker = new Worker(join(out, 'signing-thread.js'));
    try {
      const answer = new Promise<SignResults>((resolve) => worker.once('message', resolve));
      worker.postMessage({ jobs: [{ id: 7, digest: 'sha256', dsaEncoding: 'ieee-p1363', key: privateKey, input: 'a.b' }] } satisfies SignJobs);
      const [result] = (await answer).results;
      assert.ok(result && 'signature' in result && result.id === 7);
      assert.ok(verify('sha256', Buffer.from('a.b'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(result.signature, 'base64url')));
    } finally {
      await worker.terminate();
    }
  });

  /** Starts the bundle with `store` and checks what a host sees first; the store took the first user. */
  async function servesFromTheBundle(store: Record<string, string>): Promise<void> {
    const config = join(data, `config-${Object.values(store).join('-').replace(/[^A-Za-z0-9]/g, '')}.json`);
    writeFileSync(config, JSON.stringify({ store }));
    const { child, match, output } = await startCli(
      ['serve', '--port', '0', '--config', config],
      /MCP endpoint:\s+(http:\/\/\S+)/,
      // Shared stores refuse to start without sealing keys common to every instance.
      { GATEHOUSE_SEALING_KEYS: `test:${randomBytes(32).toString('base64url')}` },
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
  }

  it('serves the demo on a SQLite store (its thread started from the bundle): metadata, the 401 challenge, a first user', () =>
    servesFromTheBundle({ url: `sqlite:${join(data, 'store.db')}` }));

  describe('on the shared stores, loaded from chunks of their own', async () => {
    const redisPrefix = `${uniqueName('bundle')}:`;
    const postgresSchema = uniqueName('bundle');
    const redisDown = await serviceUnavailable(redisUrl(), { redisPrefix });
    const postgresDown = await serviceUnavailable(postgresUrl(), { postgresSchema });
    after(async () => {
      if (!redisDown) {
        const redis = new Redis(redisUrl());
        const keys = await redis.keys(`${redisPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      }
      if (!postgresDown) {
        const client = new pg.Client({ connectionString: postgresUrl() });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${postgresSchema} CASCADE`);
        await client.end();
      }
    });

    it('Redis', needs('Redis', redisDown), () => servesFromTheBundle({ url: redisUrl(), redisPrefix }));
    it('PostgreSQL', needs('PostgreSQL', postgresDown), () => servesFromTheBundle({ url: postgresUrl(), postgresSchema }));
  });
});
