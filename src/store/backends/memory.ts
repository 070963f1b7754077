import {
  StoreConflictError,
  type AccessTokenRecord,
  type ClientRecord,
  type CodeRecord,
  type ConsumeCodeResult,
  type ConsentRecord,
  type GrantRecord,
  type NoteRecord,
  type PendingRecord,
  type RefreshTokenRecord,
  type SigningKeyRecord,
  type Store,
  type UpstreamTokenRecord,
  type UserRecord,
} from '../contract.js';
import { checkWindow, copyRecord, type Clock } from '../rules.js';

interface CodeEntry {
  /** Cleared when consumed: the entry stays as a tombstone until `expiresAt`. */
  record?: CodeRecord;
  grantId: string;
  expiresAt: number;
}

interface RefreshEntry {
  record: RefreshTokenRecord;
  rotatedAt?: number;
  graceUntil?: number;
  graceSalt?: string;
}

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/**
 * The in-process backend, for tests and throwaway runs. Each method is atomic because it never
 * awaits between reading and writing (JavaScript runs it to completion). Records are copied in
 * and out so a caller mutating a returned object cannot change what is stored.
 */
export function openMemoryStore(clock: Clock): Store {
  const clients = new Map<string, ClientRecord>();
  const codes = new Map<string, CodeEntry>();
  const grants = new Map<string, GrantRecord>();
  const refresh = new Map<string, RefreshEntry>();
  const access = new Map<string, AccessTokenRecord>();
  const consents = new Map<string, ConsentRecord>();
  const upstream = new Map<string, UpstreamTokenRecord>();
  const signingKeys = new Map<string, SigningKeyRecord>();
  const users = new Map<string, UserRecord>();
  const pending = new Map<string, PendingRecord>();
  const once = new Map<string, number>();
  const rateLimits = new Map<string, { count: number; expiresAt: number }>();
  const leases = new Map<string, Expiring<string>>();
  const notes = new Map<string, NoteRecord>();

  const live = (expiresAt: number | undefined, now: number) => expiresAt === undefined || expiresAt > now;
  const pairKey = (a: string, b: string) => JSON.stringify([a, b]);
  // Synchronous, so an exchange that spends the code and writes its grant stays one atomic step.
  const spendCode = (codeHash: string, now: number): ConsumeCodeResult => {
    const entry = codes.get(codeHash);
    if (!entry || entry.expiresAt <= now) return { status: 'unknown' };
    if (!entry.record) return { status: 'replayed', grantId: entry.grantId };
    const record = entry.record;
    delete entry.record;
    return { status: 'consumed', record };
  };
  const grantUsable = (grantId: string, now: number) => {
    const grant = grants.get(grantId);
    return !grant || (grant.revokedAt === undefined && grant.expiresAt > now);
  };

  return {
    kind: 'memory',

    async putClient(client) {
      clients.set(client.clientId, copyRecord(client));
    },
    async getClient(clientId) {
      const client = clients.get(clientId);
      return client && live(client.expiresAt, clock()) ? copyRecord(client) : undefined;
    },
    async deleteClient(clientId) {
      clients.delete(clientId);
    },
    async touchClient(clientId, at, expiresAt) {
      const client = clients.get(clientId);
      if (!client || !live(client.expiresAt, at)) return;
      client.lastUsedAt = at;
      if (expiresAt !== undefined) client.expiresAt = expiresAt;
    },

    async saveCode(codeHash, record) {
      codes.set(codeHash, { record: copyRecord(record), grantId: record.grantId, expiresAt: record.expiresAt });
    },
    async findCode(codeHash, now) {
      const entry = codes.get(codeHash);
      if (!entry || entry.expiresAt <= now) return { status: 'unknown' };
      return entry.record ? { status: 'live', record: copyRecord(entry.record) } : { status: 'replayed', grantId: entry.grantId };
    },
    async exchangeCode(codeHash, exchange, now) {
      const spent = spendCode(codeHash, now);
      if (spent.status !== 'consumed') return spent;
      grants.set(exchange.grant.grantId, copyRecord(exchange.grant));
      if (exchange.refresh) refresh.set(exchange.refresh.hash, { record: copyRecord(exchange.refresh.record) });
      if (exchange.access) access.set(exchange.access.hash, copyRecord(exchange.access.record));
      return { status: 'exchanged' };
    },
    async consumeCode(codeHash, now) {
      return spendCode(codeHash, now);
    },

    async saveGrant(grant) {
      grants.set(grant.grantId, copyRecord(grant));
    },
    async getGrant(grantId) {
      const grant = grants.get(grantId);
      return grant && live(grant.expiresAt, clock()) ? copyRecord(grant) : undefined;
    },
    async revokeGrant(grantId, now) {
      const grant = grants.get(grantId);
      if (grant) grant.revokedAt ??= now;
      for (const [hash, entry] of refresh) if (entry.record.grantId === grantId) refresh.delete(hash);
      for (const [hash, record] of access) if (record.grantId === grantId) access.delete(hash);
      for (const [hash, entry] of codes) if (entry.record?.grantId === grantId) codes.delete(hash);
      return grant !== undefined;
    },
    async listGrantsByUser(userId) {
      const now = clock();
      return [...grants.values()].filter((g) => g.userId === userId && live(g.expiresAt, now)).map(copyRecord);
    },

    async saveRefreshToken(tokenHash, record) {
      refresh.set(tokenHash, { record: copyRecord(record) });
    },
    async getRefreshToken(tokenHash, now) {
      const entry = refresh.get(tokenHash);
      if (!entry || entry.rotatedAt !== undefined || entry.record.expiresAt <= now) return undefined;
      return grantUsable(entry.record.grantId, now) ? copyRecord(entry.record) : undefined;
    },
    async rotateRefreshToken(oldHash, input) {
      const { now } = input;
      const entry = refresh.get(oldHash);
      if (!entry || entry.record.expiresAt <= now || !grantUsable(entry.record.grantId, now)) {
        return { status: 'unknown' };
      }
      if (entry.rotatedAt !== undefined) {
        return now < entry.graceUntil! && entry.graceSalt !== undefined
          ? { status: 'grace', graceSalt: entry.graceSalt, rotatedAt: entry.rotatedAt, previous: copyRecord(entry.record) }
          : { status: 'reuse', grantId: entry.record.grantId };
      }
      entry.rotatedAt = now;
      entry.graceUntil = now + input.graceMs;
      entry.graceSalt = input.graceSalt;
      refresh.set(input.nextHash, { record: copyRecord(input.next) });
      if (input.access) access.set(input.access.hash, copyRecord(input.access.record));
      return { status: 'rotated', previous: copyRecord(entry.record) };
    },
    async deleteRefreshToken(tokenHash) {
      refresh.delete(tokenHash);
    },
    async saveAccessToken(tokenHash, record) {
      access.set(tokenHash, copyRecord(record));
    },
    async findAccessToken(tokenHash, now) {
      const record = access.get(tokenHash);
      if (!record || record.expiresAt <= now || !grantUsable(record.grantId, now)) return undefined;
      return copyRecord(record);
    },
    async deleteAccessToken(tokenHash) {
      access.delete(tokenHash);
    },

    async putConsent(consent) {
      consents.set(pairKey(consent.userId, consent.clientId), copyRecord(consent));
    },
    async getConsent(userId, clientId) {
      const consent = consents.get(pairKey(userId, clientId));
      return consent && copyRecord(consent);
    },
    async listConsentsByUser(userId) {
      return [...consents.values()].filter((c) => c.userId === userId).map(copyRecord);
    },
    async revokeConsent(userId, clientId) {
      return consents.delete(pairKey(userId, clientId));
    },

    async getUpstreamToken(userId, provider) {
      const record = upstream.get(pairKey(userId, provider));
      return record && copyRecord(record);
    },
    async putUpstreamToken(record, expectVersion) {
      const key = pairKey(record.userId, record.provider);
      const version = upstream.get(key)?.version ?? 0;
      if (expectVersion !== undefined && expectVersion !== version) return false;
      upstream.set(key, { ...copyRecord(record), version: version + 1 });
      return true;
    },
    async deleteUpstreamToken(userId, provider) {
      upstream.delete(pairKey(userId, provider));
    },

    async putSigningKey(key) {
      signingKeys.set(key.kid, copyRecord(key));
    },
    async listSigningKeys() {
      const now = clock();
      return [...signingKeys.values()].filter((k) => live(k.expiresAt, now)).map(copyRecord);
    },
    async deleteSigningKey(kid) {
      signingKeys.delete(kid);
    },

    async createUser(user) {
      const taken = users.has(user.userId) || [...users.values()].some((u) => u.username === user.username);
      if (taken) throw new StoreConflictError(`user "${user.username}" already exists`);
      users.set(user.userId, copyRecord(user));
    },
    async getUserByName(username) {
      const user = [...users.values()].find((u) => u.username === username);
      return user && copyRecord(user);
    },
    async getUser(userId) {
      const user = users.get(userId);
      return user && copyRecord(user);
    },
    async listUsers() {
      return [...users.values()].sort((a, b) => a.username.localeCompare(b.username)).map(copyRecord);
    },
    async deleteUser(userId) {
      return users.delete(userId);
    },

    async putPending(id, record) {
      pending.set(id, copyRecord(record));
    },
    async takePending(id, now) {
      const record = pending.get(id);
      pending.delete(id);
      return record && record.expiresAt > now ? record : undefined;
    },
    async peekPending(id, now) {
      const record = pending.get(id);
      return record && record.expiresAt > now ? copyRecord(record) : undefined;
    },
    async rememberOnce(namespace, key, expiresAt) {
      const id = pairKey(namespace, key);
      const held = once.get(id);
      if (held !== undefined && held > clock()) return false;
      once.set(id, expiresAt);
      return true;
    },
    async hitRateLimit(key, limit, windowMs, now) {
      checkWindow(windowMs);
      const entry = rateLimits.get(key);
      const live = entry !== undefined && entry.expiresAt > now;
      const count = live ? entry.count + 1 : 1;
      const resetAt = live ? entry.expiresAt : now + windowMs;
      rateLimits.set(key, { count, expiresAt: resetAt });
      return { allowed: count <= limit, count, resetAt };
    },
    async acquireLease(name, holder, ttlMs, now) {
      const lease = leases.get(name);
      if (lease && lease.expiresAt > now && lease.value !== holder) return false;
      leases.set(name, { value: holder, expiresAt: now + ttlMs });
      return true;
    },
    async releaseLease(name, holder) {
      if (leases.get(name)?.value === holder) leases.delete(name);
    },

    async addNote(note) {
      if (notes.has(note.id)) throw new StoreConflictError(`note "${note.id}" already exists`);
      notes.set(note.id, copyRecord(note));
    },
    async listNotes(userId) {
      return [...notes.values()].filter((n) => n.userId === userId).sort(byCreation).map(copyRecord);
    },
    async clearNotes(userId) {
      let removed = 0;
      for (const [id, note] of notes) if (note.userId === userId && notes.delete(id)) removed++;
      return removed;
    },

    async sweepExpired(now) {
      let removed = 0;
      const sweep = <V>(map: Map<string, V>, expiry: (v: V) => number | undefined) => {
        for (const [k, v] of map) if (!live(expiry(v), now) && map.delete(k)) removed++;
      };
      sweep(clients, (c) => c.expiresAt);
      sweep(codes, (c) => c.expiresAt);
      sweep(grants, (g) => g.expiresAt);
      sweep(refresh, (r) => r.record.expiresAt);
      sweep(access, (a) => a.expiresAt);
      sweep(signingKeys, (k) => k.expiresAt);
      sweep(pending, (p) => p.expiresAt);
      sweep(once, (e) => e);
      sweep(rateLimits, (r) => r.expiresAt);
      sweep(leases, (l) => l.expiresAt);
      return removed;
    },
    async close() {},
  };
}

function byCreation(a: NoteRecord, b: NoteRecord): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}
