import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ConfigError } from '../../src/errors/config-error.js';
import { openStore } from '../../src/store/open-store.js';
import { needs, postgresUrl, redisUrl, serviceUnavailable, uniqueName } from './services.js';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Asserts `openStore` refuses at start-up with a ConfigError on `field` matching `pattern`. */
async function refuses(promise: Promise<unknown>, field: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    assert.equal(e.field, field);
    assert.match(e.message, pattern);
    return true;
  });
}

describe('openStore refuses at start-up', () => {
  it('an unsupported or incomplete URL', async () => {
    await refuses(openStore('mysql://127.0.0.1/db'), 'store.url', /must be memory, sqlite:<path>/);
    await refuses(openStore('sqlite:'), 'store.url', /needs a file path/);
    await refuses(openStore('redis://'), 'store.url', /must be memory/);
  });

  it('a SQLite path it cannot create, or a file that is not a database', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    await refuses(openStore(`sqlite:${join(blocker, 'sub', 'db.sqlite')}`), 'store.url', /cannot open the SQLite database/);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just text long enough to look like a header...'.repeat(20));
    await refuses(openStore(`sqlite:${junk}`), 'store.url', /SQLite database .*junk\.db/);
  });

  it('a SQLite database from a newer Gatehouse', async () => {
    const file = join(dir, 'newer.db');
    await (await openStore(`sqlite:${file}`)).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_version (version) VALUES (99)').run();
    db.close();
    await refuses(openStore(`sqlite:${file}`), 'store.url', /schema version 99, newer than this Gatehouse knows/);
  });

  it('an unreachable Redis or PostgreSQL, without naming credentials', async () => {
    await refuses(openStore('redis://:hunter2@127.0.0.1:1'), 'store.url', /cannot use Redis at 127\.0\.0\.1:1/);
    await refuses(openStore('postgres://user:hunter2@127.0.0.1:1/db'), 'store.url', /cannot use PostgreSQL at 127\.0\.0\.1:1\/db/);
    await assert.rejects(openStore('postgres://user:hunter2@127.0.0.1:1/db'), (e: Error) => !e.message.includes('hunter2'));
  });

  it('a bad Redis prefix or PostgreSQL schema name', async () => {
    await refuses(openStore(redisUrl(), { redisPrefix: 'bad prefix*' }), 'store.redisPrefix', /A-Za-z0-9/);
    await refuses(openStore(postgresUrl(), { postgresSchema: 'Bad;Schema' }), 'store.postgresSchema', /SQL identifier/);
  });
});

describe('openStore refuses a shared store from a newer Gatehouse', async () => {
  const redisPrefix = `${uniqueName('newer')}:`;
  const postgresSchema = uniqueName('newer');
  const redisDown = await serviceUnavailable(redisUrl(), { redisPrefix });
  const postgresDown = await serviceUnavailable(postgresUrl(), { postgresSchema });

  it('Redis keys with a newer layout version', needs('Redis', redisDown), async () => {
    const redis = new Redis(redisUrl());
    try {
      await redis.set(`${redisPrefix}schema-version`, 99);
      await refuses(openStore(redisUrl(), { redisPrefix }), 'store.url', /layout version 99, newer/);
    } finally {
      await redis.del(`${redisPrefix}schema-version`);
      await redis.quit();
    }
  });

  it('a PostgreSQL schema with a newer version', needs('PostgreSQL', postgresDown), async () => {
    const client = new pg.Client({ connectionString: postgresUrl() });
    await client.connect();
    try {
      await client.query(`INSERT INTO ${postgresSchema}.schema_version (version) VALUES (99)`);
      await refuses(openStore(postgresUrl(), { postgresSchema }), 'store.url', /schema version 99, newer/);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${postgresSchema} CASCADE`);
      await client.end();
    }
  });
});
