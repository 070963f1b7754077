import type { Redis } from 'ioredis';
import {
  StoreConflictError,
  type ClientRecord,
  type ClientStore,
  type ConsentRecord,
  type ConsentStore,
  type KeyStore,
  type NoteRecord,
  type NotesStore,
  type SigningKeyRecord,
  type UpstreamTokenRecord,
  type UserRecord,
  type UserStore,
  type VaultStore,
} from '../contract.js';
import type { Clock } from '../rules.js';
import { ttl, type RedisKeys } from './keys.js';
import { ADD_NOTE, CLEAR_NOTES, CREATE_USER, DELETE_USER, luaScript, PUT_RECORD, PUT_UPSTREAM, TOUCH_CLIENT } from './lua.js';

const parse = <T>(json: string): T => JSON.parse(json) as T;

/** Clients, consents, the upstream vault, signing keys, users and notes. */
export function redisAccountRecords(
  redis: Redis,
  k: RedisKeys,
  clock: Clock,
): ClientStore & ConsentStore & VaultStore & KeyStore & UserStore & NotesStore {
  const putRecord = luaScript(redis, PUT_RECORD);
  const touch = luaScript(redis, TOUCH_CLIENT);
  const putUpstream = luaScript(redis, PUT_UPSTREAM);
  const create = luaScript(redis, CREATE_USER);
  const remove = luaScript(redis, DELETE_USER);
  const add = luaScript(redis, ADD_NOTE);
  const clear = luaScript(redis, CLEAR_NOTES);

  return {
    // Use and expiry live beside the body (`u`, `e`) so touching a client never rewrites its JSON.
    async putClient(client) {
      const { lastUsedAt, expiresAt, ...body } = client;
      const fields = ['d', JSON.stringify(body), ...(lastUsedAt === undefined ? [] : ['u', lastUsedAt]), ...(expiresAt === undefined ? [] : ['e', expiresAt])];
      await putRecord([k.client(client.clientId)], [expiresAt === undefined ? 0 : ttl(expiresAt, clock()), client.clientId, ...fields]);
    },
    async getClient(clientId) {
      const [d, u, e] = await redis.hmget(k.client(clientId), 'd', 'u', 'e');
      if (!d || (e && Number(e) <= clock())) return undefined;
      const client = parse<ClientRecord>(d);
      if (u) client.lastUsedAt = Number(u);
      if (e) client.expiresAt = Number(e);
      return client;
    },
    async deleteClient(clientId) {
      await redis.del(k.client(clientId));
    },
    async touchClient(clientId, at, expiresAt) {
      await touch([k.client(clientId)], [at, expiresAt ?? '', expiresAt === undefined ? '' : ttl(expiresAt, at)]);
    },

    async putConsent(consent) {
      await redis.hset(k.consents(consent.userId), consent.clientId, JSON.stringify(consent));
    },
    async getConsent(userId, clientId) {
      const json = await redis.hget(k.consents(userId), clientId);
      return json ? parse<ConsentRecord>(json) : undefined;
    },
    async listConsentsByUser(userId) {
      const all = await redis.hgetall(k.consents(userId));
      return Object.keys(all).sort().map((clientId) => parse<ConsentRecord>(all[clientId]!));
    },
    async revokeConsent(userId, clientId) {
      return (await redis.hdel(k.consents(userId), clientId)) > 0;
    },

    async getUpstreamToken(userId, provider) {
      const [d, v] = await redis.hmget(k.upstream(userId, provider), 'd', 'v');
      return d ? { ...parse<Omit<UpstreamTokenRecord, 'version'>>(d), version: Number(v) } : undefined;
    },
    async putUpstreamToken(record, expectVersion) {
      const done = await putUpstream([k.upstream(record.userId, record.provider)], [JSON.stringify(record), expectVersion ?? '']);
      return done === 1;
    },
    async deleteUpstreamToken(userId, provider) {
      await redis.del(k.upstream(userId, provider));
    },

    async putSigningKey(key) {
      await redis.hset(k.signingKeys, key.kid, JSON.stringify(key));
    },
    async listSigningKeys() {
      const now = clock();
      const all = await redis.hgetall(k.signingKeys);
      return Object.keys(all)
        .sort()
        .map((kid) => parse<SigningKeyRecord>(all[kid]!))
        .filter((key) => key.expiresAt === undefined || key.expiresAt > now);
    },
    async deleteSigningKey(kid) {
      await redis.hdel(k.signingKeys, kid);
    },

    async createUser(user) {
      const done = await create([k.user(user.userId), k.usernamePrefix + user.username, k.users], [user.userId, JSON.stringify(user)]);
      if (done !== 1) throw new StoreConflictError(`user "${user.username}" already exists`);
    },
    async getUserByName(username) {
      const userId = await redis.get(k.usernamePrefix + username);
      return userId ? this.getUser(userId) : undefined;
    },
    async getUser(userId) {
      const json = await redis.get(k.user(userId));
      return json ? parse<UserRecord>(json) : undefined;
    },
    async listUsers() {
      const ids = await redis.smembers(k.users);
      const bodies = ids.length === 0 ? [] : await redis.mget(ids.map((id) => k.user(id)));
      return bodies
        .flatMap((json) => (json ? [parse<UserRecord>(json)] : []))
        .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
    },
    async deleteUser(userId) {
      return (await remove([k.user(userId), k.users], [userId, k.usernamePrefix])) === 1;
    },

    async addNote(note) {
      const added = await add([k.noteIdPrefix + note.id, k.notes(note.userId)], [note.id, JSON.stringify(note), note.userId]);
      if (added !== 1) throw new StoreConflictError(`note "${note.id}" already exists`);
    },
    async listNotes(userId) {
      const notes = (await redis.hvals(k.notes(userId))).map((json) => parse<NoteRecord>(json));
      return notes.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },
    async clearNotes(userId) {
      return Number(await clear([k.notes(userId)], [k.noteIdPrefix]));
    },
  };
}
