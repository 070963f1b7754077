import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open-store.js';
import { linesOf, spawnTsx } from './contract/children.js';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-durable-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('keeps every acknowledged SQLite write when the writer is killed with SIGKILL mid-load', async () => {
  const file = join(dir, 'gatehouse.db');
  const userId = 'durable';
  const child = spawnTsx('../fixtures/durable-writer.ts', [`sqlite:${file}`, userId]);
  const exit = new Promise((resolve) => child.once('exit', resolve));
  const notes: string[] = [];
  const tokens: string[] = [];
  for (let lines = linesOf(child); ; ) {
    const { value, done } = await lines.next();
    assert.ok(!done, 'the writer stopped by itself');
    const [kind, id] = value.split(' ') as [string, string];
    (kind === 'note' ? notes : tokens).push(id);
    // Kill in the middle of the load, with writes of every lane in flight.
    if (notes.length >= 600 && tokens.length >= 100) {
      child.kill('SIGKILL');
      break;
    }
  }
  await exit;

  const db = new Database(file);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  // A spent refresh token stays (for reuse detection) until it expires: every acknowledged one is there.
  const rows = new Set(db.prepare('SELECT token_hash FROM refresh_tokens').pluck().all() as string[]);
  db.close();
  assert.deepEqual(tokens.filter((t) => !rows.has(t)), [], 'every acknowledged rotation survived');

  const store = await openStore(`sqlite:${file}`);
  try {
    const kept = new Set((await store.listNotes(userId)).map((n) => n.id));
    const lost = notes.filter((id) => !kept.has(id));
    assert.deepEqual(lost, [], `${lost.length} of ${notes.length} acknowledged notes were lost`);
    const live = [];
    for (const t of tokens) if (await store.getRefreshToken(t, Date.now())) live.push(t);
    assert.ok(live.length <= 1 && (live.length === 0 || live[0] === tokens.at(-1)), 'only the newest token of the chain is live');
  } finally {
    await store.close();
  }
});
