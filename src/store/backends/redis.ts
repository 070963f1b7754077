import { Redis } from 'ioredis';
import { ConfigError } from '../../errors/config-error.js';
import type { Store } from '../contract.js';
import { redisAccountRecords } from '../redis/account-records.js';
import { redisEphemeralRecords } from '../redis/ephemeral-records.js';
import { redisKeys } from '../redis/keys.js';
import { redisTokenRecords } from '../redis/token-records.js';
import type { Clock } from '../rules.js';

/** The layout of keys this code writes; a prefix holding a newer one is refused. */
const LAYOUT_VERSION = 1;

/**
 * Redis: every key under `prefix`, atomic operations as Lua scripts, native TTLs for expiry.
 * Scripts build token keys from the prefix, so this needs a single Redis (or one cluster slot),
 * not a sharded cluster.
 */
export async function openRedisStore(url: string, prefix: string, clock: Clock): Promise<Store> {
  if (!/^[A-Za-z0-9:_-]*$/.test(prefix)) throw new ConfigError('store.redisPrefix', 'must be [A-Za-z0-9:_-]*');
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Reconnection is ioredis's job; an error event without a listener would crash the process.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await checkLayout(redis, redisKeys(prefix).schemaVersion);
  } catch (cause) {
    redis.disconnect();
    if (cause instanceof ConfigError) throw cause;
    throw new ConfigError('store.url', `cannot use Redis at ${describe(url)}: ${(cause as Error).message}`, { cause });
  }
  const keys = redisKeys(prefix);
  return {
    kind: 'redis',
    ...redisAccountRecords(redis, keys, clock),
    ...redisTokenRecords(redis, keys, clock),
    ...redisEphemeralRecords(redis, keys, clock),
    async close() {
      await redis.quit();
    },
  };
}

async function checkLayout(redis: Redis, key: string): Promise<void> {
  await redis.set(key, LAYOUT_VERSION, 'NX');
  const found = Number(await redis.get(key));
  if (found > LAYOUT_VERSION) {
    throw new ConfigError(
      'store.url',
      `the Redis keys under this prefix have layout version ${found}, newer than this Gatehouse knows (${LAYOUT_VERSION}); upgrade Gatehouse or use another prefix`,
    );
  }
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return '(unparsable URL)';
  }
}
