import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newGrantId } from '../../src/crypto/hash.js';

test('grant ids sort by the time they were made, whatever their random part', () => {
  const start = Date.UTC(2026, 0, 1);
  const ids = Array.from({ length: 200 }, (_, i) => newGrantId(start + i * 7));
  assert.deepEqual([...ids].sort(), ids);
  // Within one millisecond they may come in any order, but stay next to each other.
  const sameMs = Array.from({ length: 50 }, () => newGrantId(start + 3));
  for (const id of sameMs) assert.ok(id > ids[0]! && id < ids[1]!);
});

test('a grant id keeps 96 random bits: none repeats, and each is URL-safe text', () => {
  const now = Date.now();
  const ids = new Set(Array.from({ length: 10_000 }, () => newGrantId(now)));
  assert.equal(ids.size, 10_000);
  for (const id of ids) assert.match(id, /^[0-9a-f]{12}[A-Za-z0-9_-]{16}$/);
});
