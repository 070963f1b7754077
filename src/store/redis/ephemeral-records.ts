import type { Redis } from 'ioredis';
import type { EphemeralStore, PendingRecord, SigningKeyRecord } from '../contract.js';
import { checkWindow, type Clock } from '../rules.js';
import { ttl, type RedisKeys } from './keys.js';
import {
  ACQUIRE_LEASE,
  HIT_RATE_LIMIT,
  luaScript,
  PUT_RECORD,
  RELEASE_LEASE,
  REMEMBER_ONCE,
  SWEEP_BATCH,
  TAKE_PENDING,
} from './lua.js';

/** Pending requests, once-only keys, rate limits and leases (all with native TTLs), and the sweep. */
export function redisEphemeralRecords(
  redis: Redis,
  k: RedisKeys,
  clock: Clock,
): EphemeralStore & { sweepExpired(now: number): Promise<number> } {
  const putRecord = luaScript(redis, PUT_RECORD);
  const take = luaScript(redis, TAKE_PENDING);
  const once = luaScript(redis, REMEMBER_ONCE);
  const hit = luaScript(redis, HIT_RATE_LIMIT);
  const acquire = luaScript(redis, ACQUIRE_LEASE);
  const release = luaScript(redis, RELEASE_LEASE);
  const sweepBatch = luaScript(redis, SWEEP_BATCH);

  const live = ([d, e]: (string | null)[], now: number) =>
    d && Number(e) > now ? (JSON.parse(d) as PendingRecord) : undefined;

  return {
    async putPending(id, record) {
      await putRecord([k.pending(id)], [ttl(record.expiresAt, clock()), id, 'd', JSON.stringify(record), 'e', record.expiresAt]);
    },
    async takePending(id, now) {
      return live((await take([k.pending(id)])) as (string | null)[], now);
    },
    async peekPending(id, now) {
      return live(await redis.hmget(k.pending(id), 'd', 'e'), now);
    },
    async rememberOnce(namespace, key, expiresAt) {
      const now = clock();
      return (await once([k.once(namespace, key)], [now, expiresAt, ttl(expiresAt, now)])) === 1;
    },
    async hitRateLimit(key, limit, windowMs, now) {
      checkWindow(windowMs);
      const [count, resetAt] = (await hit([k.rateLimit(key)], [now, now + windowMs, windowMs])) as [number, string];
      return { allowed: count <= limit, count, resetAt: Number(resetAt) };
    },
    async acquireLease(name, holder, ttlMs, now) {
      return (await acquire([k.lease(name)], [holder, now, now + ttlMs, ttl(now + ttlMs, now)])) === 1;
    },
    async releaseLease(name, holder) {
      await release([k.lease(name)], [holder]);
    },

    /**
     * Native TTLs remove almost everything; this catches records whose expiry has passed by the
     * caller's clock but not yet by Redis's, and retired signing keys (fields of one hash).
     */
    async sweepExpired(now) {
      let removed = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${k.prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) removed += Number(await sweepBatch(keys, [now]));
      } while (cursor !== '0');
      const keys = await redis.hgetall(k.signingKeys);
      const retired = Object.entries(keys)
        .filter(([, json]) => {
          const { expiresAt } = JSON.parse(json) as SigningKeyRecord;
          return expiresAt !== undefined && expiresAt <= now;
        })
        .map(([kid]) => kid);
      if (retired.length > 0) removed += await redis.hdel(k.signingKeys, ...retired);
      return removed;
    },
  };
}
