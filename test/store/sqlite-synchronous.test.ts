import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { openStore } from '../../src/store/open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-synchronous-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `store.sqliteSynchronous`: the flush policy of the SQLite backend (durability vs. token requests per second). */
describe('store.sqliteSynchronous', () => {
  it('defaults to normal and accepts full', () => {
    assert.equal(parseConfig({}).store.sqliteSynchronous, 'normal');
    assert.equal(parseConfig({ store: { sqliteSynchronous: 'full' } }).store.sqliteSynchronous, 'full');
  });

  it('refuses any other value at start-up, naming the field', () => {
    assert.throws(
      () => parseConfig({ store: { sqliteSynchronous: 'off' } }),
      (error: Error) => error instanceof ConfigError && error.field === 'store.sqliteSynchronous',
    );
  });

  it('under normal, a revocation is checkpointed into the database file itself before it is acknowledged', async () => {
    const file = join(dir, 'checkpoint.db');
    const now = Date.now();
    const store = await openStore(`sqlite:${file}`, { sqliteSynchronous: 'normal' });
    try {
      const grant = { grantId: 'g1', userId: 'u1', clientId: 'c1', scopes: [], resource: 'https://r.example/mcp', createdAt: now, expiresAt: now + 60_000 };
      await store.saveGrant(grant);
      await store.revokeGrant('g1', now);
      // The database file alone, without its WAL: what a power cut could leave if the WAL were lost.
      const copy = join(dir, 'checkpoint-copy.db');
      copyFileSync(file, copy);
      const fromFile = await openStore(`sqlite:${copy}`, { sqliteSynchronous: 'normal' });
      assert.equal((await fromFile.getGrant('g1'))?.revokedAt, now);
      await fromFile.close();
    } finally {
      await store.close();
    }
  });

  for (const synchronous of ['normal', 'full'] as const) {
    it(`under ${synchronous}, revocations commit (they are flushed with an fsync even under normal) and writes go on after them`, async () => {
      const file = join(dir, `${synchronous}.db`);
      const now = Date.now();
      let store = await openStore(`sqlite:${file}`, { sqliteSynchronous: synchronous });
      const grant = { grantId: 'g1', userId: 'u1', clientId: 'c1', scopes: [], resource: 'https://r.example/mcp', createdAt: now, expiresAt: now + 60_000 };
      await store.saveGrant(grant);
      await store.putConsent({ userId: 'u1', clientId: 'c1', scopes: ['a'], clientFingerprint: 'f', grantedAt: now });
      assert.equal(await store.revokeGrant('g1', now), true);
      assert.equal(await store.revokeConsent('u1', 'c1'), true);
      await store.saveGrant({ ...grant, grantId: 'g2' });
      await store.close();

      store = await openStore(`sqlite:${file}`, { sqliteSynchronous: synchronous });
      assert.equal((await store.getGrant('g1'))?.revokedAt, now, 'the revocation is on disk');
      assert.equal(await store.getConsent('u1', 'c1'), undefined);
      assert.ok(await store.getGrant('g2'), 'a write after the revocation is there too');
      await store.close();
    });
  }
});
