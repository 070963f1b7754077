import type { Redis } from 'ioredis';
import type { CodeStore, ExchangeCodeResult, GrantRecord, GrantStore, HashedRecord, RotateRefreshResult, TokenStore } from '../contract.js';
import type { Clock } from '../rules.js';
import type { RedisKeys } from './keys.js';
import { ttl } from './keys.js';
import { CONSUME_CODE, EXCHANGE_CODE, luaScript, PUT_RECORD, READ_TOKEN, REVOKE_GRANT, ROTATE_REFRESH } from './lua.js';

function toGrant([d, r]: (string | null | undefined)[]): GrantRecord | undefined {
  if (!d) return undefined;
  const grant = JSON.parse(d) as GrantRecord;
  if (r) grant.revokedAt = Number(r);
  return grant;
}

/** A token written inside a script: its key and the script arguments (hash, ttl, body, expiry; '' hash for none). */
function tokenWrite(key: (hash: string) => string, token: HashedRecord<{ expiresAt: number }> | undefined, now: number) {
  if (!token) return { key: key('-'), args: ['', 0, '', 0] };
  return { key: key(token.hash), args: [token.hash, ttl(token.record.expiresAt, now), JSON.stringify(token.record), token.record.expiresAt] };
}

export function redisTokenRecords(redis: Redis, k: RedisKeys, clock: Clock): CodeStore & GrantStore & TokenStore {
  const putRecord = luaScript(redis, PUT_RECORD);
  const consume = luaScript(redis, CONSUME_CODE);
  const exchangeScript = luaScript(redis, EXCHANGE_CODE);
  const readToken = luaScript(redis, READ_TOKEN);
  const rotate = luaScript(redis, ROTATE_REFRESH);
  const revoke = luaScript(redis, REVOKE_GRANT);

  const saveToken = async (key: string, index: string, hash: string, record: { grantId: string; expiresAt: number }) => {
    await putRecord([key, index], [ttl(record.expiresAt, clock()), hash, 'd', JSON.stringify(record), 'g', record.grantId, 'e', record.expiresAt]);
  };
  const usable = async (key: string, now: number) => {
    const grantId = (await redis.hget(key, 'g')) ?? '';
    const d = (await readToken([key, k.grant(grantId)], [now])) as string | null;
    return d ? JSON.parse(d) : undefined;
  };

  return {
    async saveCode(codeHash, record) {
      await saveToken(k.code(codeHash), k.grantCodes(record.grantId), codeHash, record);
    },
    async findCode(codeHash, now) {
      const [d, g, e] = await redis.hmget(k.code(codeHash), 'd', 'g', 'e');
      if (!e || Number(e) <= now) return { status: 'unknown' };
      return d ? { status: 'live', record: JSON.parse(d) } : { status: 'replayed', grantId: g ?? '' };
    },
    async exchangeCode(codeHash, { grant, refresh, access }, now) {
      const r = tokenWrite(k.refresh, refresh, now);
      const a = tokenWrite(k.access, access, now);
      const [status, value] = (await exchangeScript(
        [k.code(codeHash), k.grant(grant.grantId), k.userGrants(grant.userId), r.key, k.grantRefresh(grant.grantId), a.key, k.grantAccess(grant.grantId)],
        [now, grant.grantId, ttl(grant.expiresAt, now), JSON.stringify(grant), grant.expiresAt, ...r.args, ...a.args],
      )) as [ExchangeCodeResult['status'], string?];
      if (status === 'replayed') return { status, grantId: value! };
      return { status };
    },
    async consumeCode(codeHash, now) {
      const [status, value] = (await consume([k.code(codeHash)], [now])) as [string, string?];
      if (status === 'consumed') return { status, record: JSON.parse(value!) };
      if (status === 'replayed') return { status, grantId: value! };
      return { status: 'unknown' };
    },

    async saveGrant(grant) {
      const { revokedAt, ...body } = grant;
      const fields = ['d', JSON.stringify(body), 'e', grant.expiresAt, ...(revokedAt === undefined ? [] : ['r', revokedAt])];
      await putRecord([k.grant(grant.grantId), k.userGrants(grant.userId)], [ttl(grant.expiresAt, clock()), grant.grantId, ...fields]);
    },
    async getGrant(grantId) {
      const [d, r, e] = await redis.hmget(k.grant(grantId), 'd', 'r', 'e');
      return e && Number(e) > clock() ? toGrant([d, r]) : undefined;
    },
    async revokeGrant(grantId, now) {
      const found = await revoke(
        [k.grant(grantId), k.grantRefresh(grantId), k.grantAccess(grantId), k.grantCodes(grantId)],
        [now, k.prefix],
      );
      return found === 1;
    },
    async listGrantsByUser(userId) {
      const ids = (await redis.smembers(k.userGrants(userId))).sort();
      const now = clock();
      const grants = await Promise.all(ids.map((id) => redis.hmget(k.grant(id), 'd', 'r', 'e')));
      return grants.flatMap(([d, r, e]) => (e && Number(e) > now ? [toGrant([d, r])!] : []));
    },

    async saveRefreshToken(tokenHash, record) {
      await saveToken(k.refresh(tokenHash), k.grantRefresh(record.grantId), tokenHash, record);
    },
    async getRefreshToken(tokenHash, now) {
      return usable(k.refresh(tokenHash), now);
    },
    async rotateRefreshToken(oldHash, { nextHash, next, graceSalt, graceMs, access, now }) {
      const oldKey = k.refresh(oldHash);
      const grantId = (await redis.hget(oldKey, 'g')) ?? '';
      const a = tokenWrite(k.access, access, now);
      const [status, value, record, rotatedAt] = (await rotate(
        [oldKey, k.grant(grantId), k.refresh(nextHash), k.grantRefresh(next.grantId), a.key, k.grantAccess(grantId)],
        [now, now + graceMs, graceSalt, nextHash, JSON.stringify(next), next.expiresAt, ttl(next.expiresAt, now), ...a.args],
      )) as [string, string?, string?, string?];
      const results: Record<string, () => RotateRefreshResult> = {
        rotated: () => ({ status: 'rotated', previous: JSON.parse(value!) }),
        grace: () => ({ status: 'grace', graceSalt: value!, rotatedAt: Number(rotatedAt), previous: JSON.parse(record!) }),
        reuse: () => ({ status: 'reuse', grantId: value! }),
      };
      return results[status]?.() ?? { status: 'unknown' };
    },
    async deleteRefreshToken(tokenHash) {
      await redis.del(k.refresh(tokenHash));
    },
    async saveAccessToken(tokenHash, record) {
      await saveToken(k.access(tokenHash), k.grantAccess(record.grantId), tokenHash, record);
    },
    async findAccessToken(tokenHash, now) {
      return usable(k.access(tokenHash), now);
    },
    async deleteAccessToken(tokenHash) {
      await redis.del(k.access(tokenHash));
    },
  };
}
