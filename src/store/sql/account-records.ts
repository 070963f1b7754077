import {
  StoreConflictError,
  type ClientRecord,
  type ClientStore,
  type ConsentStore,
  type KeyStore,
  type NotesStore,
  type UpstreamTokenRecord,
  type UserStore,
  type VaultStore,
} from '../contract.js';
import type { Clock } from '../rules.js';
import type { SqlDriver } from './driver.js';
import { upsert } from './upsert.js';

type DataRow = { data: string };
const parse = <T>(row: DataRow): T => JSON.parse(row.data) as T;
const parseAll = <T>(rows: DataRow[]): T[] => rows.map((row) => parse<T>(row));

/** Clients, consents, the upstream vault, signing keys, users and notes. */
export function sqlAccountRecords(
  db: SqlDriver,
  clock: Clock,
): ClientStore & ConsentStore & VaultStore & KeyStore & UserStore & NotesStore {
  return {
    async putClient(client) {
      await db.run(
        upsert('clients', ['client_id'], ['data', 'expires_at']),
        [client.clientId, JSON.stringify(client), client.expiresAt ?? null],
      );
    },
    async getClient(clientId) {
      const [row] = await db.all<DataRow>(
        'SELECT data FROM clients WHERE client_id = ? AND (expires_at IS NULL OR expires_at > ?)',
        [clientId, clock()],
      );
      return row && parse<ClientRecord>(row);
    },
    async deleteClient(clientId) {
      await db.run('DELETE FROM clients WHERE client_id = ?', [clientId]);
      await db.makeDurable();
    },
    async touchClient(clientId, at, expiresAt) {
      await db.transaction(async (q) => {
        const [row] = await q.all<DataRow>(
          'SELECT data FROM clients WHERE client_id = ? AND (expires_at IS NULL OR expires_at > ?)',
          [clientId, at],
        );
        if (!row) return;
        const client = parse<ClientRecord>(row);
        client.lastUsedAt = at;
        if (expiresAt !== undefined) client.expiresAt = expiresAt;
        await q.run('UPDATE clients SET data = ?, expires_at = ? WHERE client_id = ?', [
          JSON.stringify(client), client.expiresAt ?? null, clientId,
        ]);
      });
    },

    async putConsent(consent) {
      await db.run(
        upsert('consents', ['user_id', 'client_id'], ['data']),
        [consent.userId, consent.clientId, JSON.stringify(consent)],
      );
    },
    async getConsent(userId, clientId) {
      const [row] = await db.all<DataRow>('SELECT data FROM consents WHERE user_id = ? AND client_id = ?', [userId, clientId]);
      return row && parse(row);
    },
    async listConsentsByUser(userId) {
      const rows = await db.all<DataRow>('SELECT data FROM consents WHERE user_id = ? ORDER BY client_id', [userId]);
      return parseAll(rows);
    },
    async revokeConsent(userId, clientId) {
      const found = (await db.run('DELETE FROM consents WHERE user_id = ? AND client_id = ?', [userId, clientId])) > 0;
      await db.makeDurable();
      return found;
    },

    async getUpstreamToken(userId, provider) {
      const [row] = await db.all<DataRow & { version: number }>(
        'SELECT data, version FROM upstream_tokens WHERE user_id = ? AND provider = ?',
        [userId, provider],
      );
      return row && { ...parse<Omit<UpstreamTokenRecord, 'version'>>(row), version: Number(row.version) };
    },
    async putUpstreamToken(record, expectVersion) {
      const keyAndData = [record.userId, record.provider, JSON.stringify(record)];
      if (expectVersion === undefined) {
        await db.run(
          `INSERT INTO upstream_tokens (user_id, provider, data, version) VALUES (?, ?, ?, 1)
           ON CONFLICT (user_id, provider) DO UPDATE SET data = excluded.data, version = upstream_tokens.version + 1`,
          keyAndData,
        );
        return true;
      }
      // Version 0 is "no record yet": the first write of a compare-and-set sequence.
      const changed = expectVersion === 0
        ? await db.run(
            `INSERT INTO upstream_tokens (user_id, provider, data, version) VALUES (?, ?, ?, 1)
             ON CONFLICT (user_id, provider) DO NOTHING`,
            keyAndData,
          )
        : await db.run(
            'UPDATE upstream_tokens SET data = ?, version = version + 1 WHERE user_id = ? AND provider = ? AND version = ?',
            [keyAndData[2]!, record.userId, record.provider, expectVersion],
          );
      return changed === 1;
    },
    async deleteUpstreamToken(userId, provider) {
      await db.run('DELETE FROM upstream_tokens WHERE user_id = ? AND provider = ?', [userId, provider]);
    },

    async putSigningKey(key) {
      await db.run(
        upsert('signing_keys', ['kid'], ['data', 'expires_at']),
        [key.kid, JSON.stringify(key), key.expiresAt ?? null],
      );
    },
    async listSigningKeys() {
      const rows = await db.all<DataRow>(
        'SELECT data FROM signing_keys WHERE expires_at IS NULL OR expires_at > ? ORDER BY kid',
        [clock()],
      );
      return parseAll(rows);
    },
    async deleteSigningKey(kid) {
      await db.run('DELETE FROM signing_keys WHERE kid = ?', [kid]);
    },

    async createUser(user) {
      const inserted = await db.run(
        'INSERT INTO users (user_id, username, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [user.userId, user.username, JSON.stringify(user)],
      );
      if (inserted === 0) throw new StoreConflictError(`user "${user.username}" already exists`);
    },
    async getUserByName(username) {
      const [row] = await db.all<DataRow>('SELECT data FROM users WHERE username = ?', [username]);
      return row && parse(row);
    },
    async getUser(userId) {
      const [row] = await db.all<DataRow>('SELECT data FROM users WHERE user_id = ?', [userId]);
      return row && parse(row);
    },
    async listUsers() {
      return parseAll(await db.all<DataRow>('SELECT data FROM users ORDER BY username'));
    },
    async deleteUser(userId) {
      const found = (await db.run('DELETE FROM users WHERE user_id = ?', [userId])) > 0;
      await db.makeDurable();
      return found;
    },

    async addNote(note) {
      const inserted = await db.run(
        'INSERT INTO notes (id, user_id, created_at, data) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [note.id, note.userId, note.createdAt, JSON.stringify(note)],
      );
      if (inserted === 0) throw new StoreConflictError(`note "${note.id}" already exists`);
    },
    async listNotes(userId) {
      const rows = await db.all<DataRow>('SELECT data FROM notes WHERE user_id = ? ORDER BY created_at, id', [userId]);
      return parseAll(rows);
    },
    async clearNotes(userId) {
      return db.run('DELETE FROM notes WHERE user_id = ?', [userId]);
    },
  };
}
