import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { hashSecret, newId, newSecret } from '../../src/crypto/hash.js';
import { createSealer, formatSealingKeys, generateSealingKey } from '../../src/crypto/sealer.js';
import { newGraceSalt } from '../../src/token/grants/refresh-grace.js';
import type { Store } from '../../src/store/contract.js';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import { aClient, aCode, aGrant, anAccess, aRefresh } from './contract/records.js';
import { needs, postgresUrl, redisUrl, serviceUnavailable, uniqueName } from './services.js';

const sealingKey = generateSealingKey('k1');
const sealer = createSealer([sealingKey]);

/**
 * An OAuth-shaped workload; returns every secret value a client or an attacker could use, none
 * of which may appear in the store's data at rest.
 */
async function oauthWorkload(store: Store): Promise<Record<string, string>> {
  const now = Date.now();
  const secrets = {
    clientSecret: newSecret('cs_'),
    code: newSecret('code_'),
    refresh1: newSecret('rt_'),
    refresh2: newSecret('rt_'),
    accessToken: newSecret('at_'),
    accessToken2: newSecret('at_'),
    upstreamAccess: newSecret('gho_'),
    upstreamRefresh: newSecret('ghr_'),
    privateKeyD: newSecret(),
    password: 'correct horse battery staple ' + newId(),
    sealingKey: formatSealingKeys([sealingKey]).split(':')[1]!,
  };
  const grant = aGrant(now);
  await store.putClient(aClient(now, { clientId: grant.clientId, kind: 'dcr', tokenEndpointAuthMethod: 'client_secret_basic', secretHash: hashSecret(secrets.clientSecret) }));
  await store.createUser({ userId: grant.userId, username: 'alice', passwordHash: `$scrypt$${scryptSync(secrets.password, 'salt', 32).toString('base64')}`, createdAt: now });
  await store.saveCode(hashSecret(secrets.code), aCode(grant, now));
  const exchanged = await store.exchangeCode(hashSecret(secrets.code), {
    grant,
    refresh: { hash: hashSecret(secrets.refresh1), record: aRefresh(grant, now) },
    access: { hash: hashSecret(secrets.accessToken), record: anAccess(grant, now) },
  }, now);
  assert.equal(exchanged.status, 'exchanged');
  const rotated = await store.rotateRefreshToken(hashSecret(secrets.refresh1), {
    nextHash: hashSecret(secrets.refresh2),
    next: aRefresh(grant, now),
    graceSalt: newGraceSalt(),
    graceMs: 60_000,
    access: { hash: hashSecret(secrets.accessToken2), record: anAccess(grant, now) },
    now,
  });
  assert.equal(rotated.status, 'rotated');
  await store.putUpstreamToken({
    userId: grant.userId,
    provider: 'github',
    sealed: sealer.seal(JSON.stringify({ accessToken: secrets.upstreamAccess, refreshToken: secrets.upstreamRefresh })),
    updatedAt: now,
  });
  await store.putSigningKey({
    kid: 'sig-1', alg: 'ES256', publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
    sealedPrivateJwk: sealer.seal(JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: secrets.privateKeyD })),
    createdAt: now, status: 'active',
  });
  return secrets;
}

function assertNothingUsable(dump: string, secrets: Record<string, string>, where: string): void {
  assert.ok(dump.length > 1000, `${where}: the dump holds the workload (${dump.length} chars)`);
  for (const [name, value] of Object.entries(secrets)) {
    assert.ok(!dump.includes(value), `${where}: the raw ${name} appears in the dump`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-dump-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a dump of the store holds no usable token, code or secret', async () => {
  const redisPrefix = `${uniqueName('dump')}:`;
  const postgresSchema = uniqueName('dump');
  const redis: OpenStoreOptions = { redisPrefix };
  const postgres: OpenStoreOptions = { postgresSchema };
  const redisDown = await serviceUnavailable(redisUrl(), redis);
  const postgresDown = await serviceUnavailable(postgresUrl(), postgres);

  it('SQLite: the file bytes and every table', async () => {
    const file = join(dir, 'gatehouse.db');
    const store = await openStore(`sqlite:${file}`);
    const secrets = await oauthWorkload(store);
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const rows = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all())).join('\n');
    db.close();
    // Bytes while open (the WAL holds recent pages) and after close (checkpointed into the file).
    const bytes = () => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    const openBytes = bytes();
    await store.close();
    assertNothingUsable(rows, secrets, 'SQLite tables');
    assertNothingUsable(openBytes + bytes(), secrets, 'SQLite file bytes');
  });

  it('Redis: every key and value under the prefix', needs('Redis', redisDown), async () => {
    const store = await openStore(redisUrl(), redis);
    const client = new Redis(redisUrl());
    try {
      const secrets = await oauthWorkload(store);
      const keys = await client.keys(`${redisPrefix}*`);
      const values = await Promise.all(keys.map(async (key) => {
        const type = await client.type(key);
        const value = type === 'hash' ? await client.hgetall(key) : type === 'set' ? await client.smembers(key) : await client.get(key);
        return `${key} ${JSON.stringify(value)}`;
      }));
      assertNothingUsable(values.join('\n'), secrets, 'Redis');
    } finally {
      await store.close();
      const keys = await client.keys(`${redisPrefix}*`);
      if (keys.length > 0) await client.del(...keys);
      await client.quit();
    }
  });

  it('PostgreSQL: every row of every table', needs('PostgreSQL', postgresDown), async () => {
    const store = await openStore(postgresUrl(), postgres);
    const client = new pg.Client({ connectionString: postgresUrl() });
    await client.connect();
    try {
      const secrets = await oauthWorkload(store);
      const { rows: tables } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [postgresSchema]);
      const rows: string[] = [];
      for (const { table_name } of tables) {
        rows.push(JSON.stringify((await client.query(`SELECT * FROM ${postgresSchema}.${table_name}`)).rows));
      }
      assertNothingUsable(rows.join('\n'), secrets, 'PostgreSQL');
    } finally {
      await store.close();
      await client.query(`DROP SCHEMA IF EXISTS ${postgresSchema} CASCADE`);
      await client.end();
    }
  });
});
