import { ConfigError } from '../errors/config-error.js';
import type { Store } from './contract.js';
import { openMemoryStore } from './backends/memory.js';
import { discardPrestartedSqliteThread } from './backends/sqlite-prestart.js';
import { rememberIssuedCodes } from './issued-codes.js';
import type { Clock } from './rules.js';

export interface OpenStoreOptions {
  /** Redis key prefix (`config.store.redisPrefix`): several issuers can share one Redis. */
  redisPrefix?: string;
  /** PostgreSQL schema (`config.store.postgresSchema`): several issuers can share one database. */
  postgresSchema?: string;
  /** SQLite flush policy (`config.store.sqliteSynchronous`); `normal` when absent. */
  sqliteSynchronous?: 'normal' | 'full';
  /** The clock for reads that take no `now` (getClient, getGrant, listSigningKeys, rememberOnce). */
  clock?: Clock;
}

/**
 * Opens the backend `url` names, ready to serve: the server is reached and the schema migrated
 * here, so a bad URL, an unreachable server or a database from a newer Gatehouse is a
 * `ConfigError('store.url', …)` at start-up, never a failure at the first request.
 *
 * - `memory`: in-process, lost on exit (tests, throwaway runs);
 * - `sqlite:<path>`: one embedded file (the default), single machine, served by a thread of its own;
 * - `redis://…` / `rediss://…`: shared by several instances, keys under `redisPrefix`;
 * - `postgres://…` / `postgresql://…`: shared by several instances, tables in `postgresSchema`.
 *
 * Drivers load lazily, so a SQLite deployment never loads `pg` or `ioredis`.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? Date.now;
  if (!url.startsWith('sqlite:')) discardPrestartedSqliteThread();
  if (url === 'memory') return openMemoryStore(clock);
  // A backend whose reads cost I/O reads back no code this instance saved (issued-codes.ts).
  return rememberIssuedCodes(await openBackend(url, options, clock), clock);
}

async function openBackend(url: string, options: OpenStoreOptions, clock: Clock): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new ConfigError('store.url', 'sqlite: needs a file path, e.g. sqlite:./data/gatehouse.db');
    const { openThreadedSqliteStore } = await import('./backends/sqlite-threaded.js');
    return openThreadedSqliteStore(path, clock, options.sqliteSynchronous ?? 'normal');
  }
  if (/^rediss?:\/\/./.test(url)) {
    const { openRedisStore } = await import('./backends/redis.js');
    return openRedisStore(url, options.redisPrefix ?? 'gatehouse:', clock);
  }
  if (/^postgres(ql)?:\/\/./.test(url)) {
    const { openPostgresStore } = await import('./backends/postgres.js');
    return openPostgresStore(url, options.postgresSchema ?? 'gatehouse', clock);
  }
  throw new ConfigError('store.url', 'must be memory, sqlite:<path>, redis://… or postgres://…');
}
