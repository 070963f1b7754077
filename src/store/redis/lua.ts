import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaArg = string | number;
export type LuaScript = (keys: readonly string[], args?: readonly LuaArg[]) => Promise<unknown>;

/**
 * A Lua script run atomically by Redis: by digest (`EVALSHA`), loading it on first use. Scripts
 * are how every read-modify-write of the Redis backend stays atomic across instances.
 *
 * Records are hashes whose JSON body (`d`) Lua never re-encodes (cjson would turn `[]` into
 * `{}`): scripts only touch scalar fields such as `e` (expiry, epoch ms) beside it.
 */
export function luaScript(redis: Redis, source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (keys, args = []) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}

/** Lua helpers prepended to scripts that need them. */
const EXTEND = `
local function extend(key, ttl)
  if redis.call('PTTL', key) < tonumber(ttl) then redis.call('PEXPIRE', key, ttl) end
end
`;

/** Writes record hash \`key\` afresh and adds \`member\` to each index set, all expiring after \`ttl\` ms (0: never). */
const PUT = `${EXTEND}
local function put(key, ttl, indexes, member, fields)
  redis.call('DEL', key)
  redis.call('HSET', key, unpack(fields))
  if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
  for _, index in ipairs(indexes) do
    redis.call('SADD', index, member)
    if ttl > 0 then extend(index, ttl) else redis.call('PERSIST', index) end
  end
end
`;

/** KEYS: record, its index sets. ARGV: ttl, index member, field, value, … */
export const PUT_RECORD = `${PUT}
put(KEYS[1], tonumber(ARGV[1]), {unpack(KEYS, 2)}, ARGV[2], {unpack(ARGV, 3)})
return 1
`;

/** Marks code \`key\` used, leaving its tombstone (grant id, expiry): {'consumed', body}, {'replayed', grant id} or {'unknown'}. */
const SPEND = `
local function spend(key, now)
  local e = redis.call('HGET', key, 'e')
  if not e or tonumber(e) <= now then return {'unknown'} end
  local d = redis.call('HGET', key, 'd')
  if not d then return {'replayed', redis.call('HGET', key, 'g')} end
  redis.call('HDEL', key, 'd')
  return {'consumed', d}
end
`;

/**
 * One code exchange: spends the code (leaving its tombstone) and writes the grant and its first
 * tokens, or writes nothing. KEYS: code, grant, the user's grant set, refresh token, the grant's
 * refresh set, access token, the grant's access set. ARGV: now, grant id, grant ttl, grant body,
 * grant expiry, then for the refresh and the access token each: hash ('' for none), ttl, body,
 * expiry.
 */
export const EXCHANGE_CODE = `${PUT}${SPEND}
local spent = spend(KEYS[1], tonumber(ARGV[1]))
if spent[1] ~= 'consumed' then return spent end
local grant = ARGV[2]
put(KEYS[2], tonumber(ARGV[3]), {KEYS[3]}, grant, {'d', ARGV[4], 'e', ARGV[5]})
for i, at in ipairs({6, 10}) do
  if ARGV[at] ~= '' then
    put(KEYS[2 + 2 * i], tonumber(ARGV[at + 1]), {KEYS[3 + 2 * i]}, ARGV[at], {'d', ARGV[at + 2], 'g', grant, 'e', ARGV[at + 3]})
  end
end
return {'exchanged'}
`;

/** KEYS: code. ARGV: now. */
export const CONSUME_CODE = `${SPEND}
return spend(KEYS[1], tonumber(ARGV[1]))
`;

/** Whether grant KEYS[n] (if any) is neither revoked nor over at ARGV now. */
const GRANT_USABLE = `
local function grant_usable(key, now)
  local r, e = unpack(redis.call('HMGET', key, 'r', 'e'))
  return not r and not (e and tonumber(e) <= now)
end
`;

/** KEYS: token, its grant. ARGV: now. The token's body if live, unspent and its grant usable. */
export const READ_TOKEN = `${GRANT_USABLE}
local now = tonumber(ARGV[1])
local d, e, ra = unpack(redis.call('HMGET', KEYS[1], 'd', 'e', 'ra'))
if not d or tonumber(e) <= now or ra then return false end
if not grant_usable(KEYS[2], now) then return false end
return d
`;

/**
 * KEYS: old token, its grant, new token, the grant's refresh set, new access token, the grant's
 * access set. ARGV: now, graceUntil, graceSalt, nextHash, next body, next expiry, next ttl,
 * access hash ('' for none), access ttl, access body, access expiry.
 */
export const ROTATE_REFRESH = `${PUT}${GRANT_USABLE}
local now = tonumber(ARGV[1])
local d, e, g, ra, gu, s = unpack(redis.call('HMGET', KEYS[1], 'd', 'e', 'g', 'ra', 'gu', 's'))
if not d or tonumber(e) <= now or not grant_usable(KEYS[2], now) then return {'unknown'} end
if ra then
  if s and now < tonumber(gu) then return {'grace', s, d, ra} end
  return {'reuse', g}
end
redis.call('HSET', KEYS[1], 'ra', ARGV[1], 'gu', ARGV[2], 's', ARGV[3])
put(KEYS[3], tonumber(ARGV[7]), {KEYS[4]}, ARGV[4], {'d', ARGV[5], 'g', g, 'e', ARGV[6]})
if ARGV[8] ~= '' then put(KEYS[5], tonumber(ARGV[9]), {KEYS[6]}, ARGV[8], {'d', ARGV[10], 'g', g, 'e', ARGV[11]}) end
return {'rotated', d}
`;

/**
 * KEYS: grant, its refresh set, access set, code set. ARGV: now, key prefix.
 * Tokens are named by digest in the sets; their keys are built here from the prefix.
 */
export const REVOKE_GRANT = `
local found = redis.call('EXISTS', KEYS[1])
if found == 1 then redis.call('HSETNX', KEYS[1], 'r', ARGV[1]) end
for _, h in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('DEL', ARGV[2] .. 'rt:' .. h) end
for _, h in ipairs(redis.call('SMEMBERS', KEYS[3])) do redis.call('DEL', ARGV[2] .. 'at:' .. h) end
for _, h in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  local key = ARGV[2] .. 'code:' .. h
  if redis.call('HEXISTS', key, 'd') == 1 then redis.call('DEL', key) end
end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
return found
`;

/** KEYS: client. ARGV: at, new expiry ('' keeps it), its ttl. */
export const TOUCH_CLIENT = `
local d, e = unpack(redis.call('HMGET', KEYS[1], 'd', 'e'))
if not d or (e and tonumber(e) <= tonumber(ARGV[1])) then return 0 end
redis.call('HSET', KEYS[1], 'u', ARGV[1])
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'e', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
`;

/** KEYS: vault entry. ARGV: body, expected version ('' for none). */
export const PUT_UPSTREAM = `
local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= v then return 0 end
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'v', v + 1)
return 1
`;

/** KEYS: user, username, user set. ARGV: id, body. */
export const CREATE_USER = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
`;

/** KEYS: user, user set. ARGV: id, username-key prefix. */
export const DELETE_USER = `
local body = redis.call('GET', KEYS[1])
if not body then return 0 end
redis.call('DEL', KEYS[1], ARGV[2] .. cjson.decode(body).username)
redis.call('SREM', KEYS[2], ARGV[1])
return 1
`;

/** KEYS: pending. Get-and-delete. */
export const TAKE_PENDING = `
local found = redis.call('HMGET', KEYS[1], 'd', 'e')
redis.call('DEL', KEYS[1])
return found
`;

/** KEYS: once entry. ARGV: now, expiresAt, ttl. */
export const REMEMBER_ONCE = `
local e = redis.call('HGET', KEYS[1], 'e')
if e and tonumber(e) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * KEYS: counter. ARGV: now, end of a new window (epoch ms), its TTL (ms). A live window counts
 * on; an ended one (by the caller's clock, or gone with its TTL) restarts at 1.
 * Returns { count, window end }.
 */
export const HIT_RATE_LIMIT = `
local e = redis.call('HGET', KEYS[1], 'e')
if e and tonumber(e) > tonumber(ARGV[1]) then
  return { redis.call('HINCRBY', KEYS[1], 'n', 1), e }
end
redis.call('HSET', KEYS[1], 'n', 1, 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 1, ARGV[2] }
`;

/** KEYS: lease. ARGV: holder, now, expiresAt, ttl. */
export const ACQUIRE_LEASE = `
local h, e = unpack(redis.call('HMGET', KEYS[1], 'h', 'e'))
if h and h ~= ARGV[1] and tonumber(e) > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'h', ARGV[1], 'e', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** KEYS: lease. ARGV: holder. */
export const RELEASE_LEASE = `
if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/** KEYS: the note id's claim, the user's notes. ARGV: id, body, owner. Note ids are unique across users. */
export const ADD_NOTE = `
if redis.call('SET', KEYS[1], ARGV[3], 'NX') == false then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
`;

/** KEYS: the user's notes. ARGV: the note-id key prefix. Returns how many went. */
export const CLEAR_NOTES = `
local ids = redis.call('HKEYS', KEYS[1])
for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
redis.call('DEL', KEYS[1])
return #ids
`;

/** KEYS: a batch of keys. ARGV: now. Deletes the record hashes whose \`e\` has passed. */
export const SWEEP_BATCH = `
local removed = 0
for _, key in ipairs(KEYS) do
  if redis.call('TYPE', key).ok == 'hash' then
    local e = redis.call('HGET', key, 'e')
    if e and tonumber(e) <= tonumber(ARGV[1]) then
      redis.call('DEL', key)
      removed = removed + 1
    end
  end
end
return removed
`;
