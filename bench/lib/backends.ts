// The four store backends a benchmark runs on, each with a place of its own (a temporary file,
// a Redis key prefix, a PostgreSQL schema) and a cleanup that removes everything it created.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

export const REDIS_URL = process.env.GATEHOUSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const POSTGRES_URL = process.env.GATEHOUSE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: string;
  /** `config.store` for this backend. */
  store: { url: string; redisPrefix?: string; postgresSchema?: string; sqliteSynchronous?: 'normal' | 'full' };
  cleanup(): Promise<void>;
}

let made = 0;

/**
 * memory, SQLite, Redis, PostgreSQL; with `sqliteFull`, also SQLite with `sqliteSynchronous: "full"`.
 * `BENCH_BACKENDS=memory,sqlite` keeps only the named ones.
 */
export function benchBackends(options: { sqliteFull?: boolean } = {}): Backend[] {
  const run = `gatehouse_bench_${process.pid}_${made++}`;
  let dir: string | undefined;
  const sqlite = (name: string, file: string, synchronous?: 'full'): Backend => {
    dir ??= mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
    const directory = dir;
    return { name, store: { url: `sqlite:${join(directory, file)}`, ...(synchronous && { sqliteSynchronous: synchronous }) }, cleanup: async () => rmSync(directory, { recursive: true, force: true }) };
  };
  const only = process.env.BENCH_BACKENDS?.split(',').map((name) => name.trim());
  const wanted = (name: string) => !only || only.includes(name);
  return [
    ...(wanted('memory') ? [{ name: 'memory', store: { url: 'memory' }, cleanup: async () => {} }] : []),
    ...(wanted('sqlite') ? [sqlite('sqlite', 'bench.db')] : []),
    ...(options.sqliteFull && wanted('sqlite-full') ? [sqlite('sqlite (synchronous full)', 'full.db', 'full')] : []),
    ...(wanted('redis') ? [{ name: 'redis', store: { url: REDIS_URL, redisPrefix: `${run}:` }, cleanup: () => dropRedisPrefix(`${run}:`) }] : []),
    ...(wanted('postgres') ? [{ name: 'postgres', store: { url: POSTGRES_URL, postgresSchema: run }, cleanup: () => dropPostgresSchema(run) }] : []),
  ];
}

async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await redis.connect().catch(() => undefined);
  if (redis.status !== 'ready') return redis.disconnect();
  // In batches: a run leaves hundreds of thousands of keys, too many for one call's arguments.
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
}

async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } catch {
    // Unreachable: nothing was created.
  } finally {
    await client.end().catch(() => undefined);
  }
}
