import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedCache } from '../../src/runtime/bounded-cache.js';

describe('BoundedCache', () => {
  it('forgets the least recently used entry first: a hit makes an entry recent again', () => {
    const cache = new BoundedCache<number>(2, () => 0);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3, 10);
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('keeps exactly what a reference LRU keeps, over many random operations', () => {
    const capacity = 50;
    const cache = new BoundedCache<number>(capacity, () => 0);
    const reference: string[] = []; // least recently used first
    const touch = (key: string) => {
      const at = reference.indexOf(key);
      if (at >= 0) reference.splice(at, 1);
      reference.push(key);
    };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 20_000; i++) {
      const key = `k${random(120)}`;
      const op = random(4);
      if (op === 0) {
        cache.set(key, i, Infinity);
        touch(key);
        if (reference.length > capacity) reference.shift();
      } else if (op === 1) {
        cache.delete(key);
        if (reference.includes(key)) reference.splice(reference.indexOf(key), 1);
      } else {
        const expected = reference.includes(key);
        assert.equal(cache.get(key) !== undefined, expected, `get ${key} at step ${i}`);
        if (expected) touch(key);
      }
    }
    assert.equal(cache.size, reference.length);
    for (const key of reference) assert.notEqual(cache.get(key), undefined);
  });

  it('treats an entry past its `until` as absent, and keeps none that is already past', () => {
    let now = 0;
    const cache = new BoundedCache<string>(10, () => now);
    cache.set('old', 'x', 0);
    assert.equal(cache.size, 0, 'already expired: not kept');
    cache.set('a', 'x', 100);
    now = 99;
    assert.equal(cache.get('a'), 'x');
    now = 100;
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0, 'an expired entry met on a read is dropped');
  });

  it('take hands a live entry out once; an expired one never', () => {
    let now = 0;
    const cache = new BoundedCache<string>(10, () => now);
    cache.set('a', 'x', 100);
    cache.set('b', 'y', 100);
    assert.equal(cache.take('a'), 'x');
    assert.equal(cache.take('a'), undefined);
    now = 100;
    assert.equal(cache.take('b'), undefined);
    assert.equal(cache.size, 0);
  });

  it('with room for no entry keeps nothing', () => {
    const cache = new BoundedCache<string>(0, () => 0);
    cache.set('a', 'x', 100);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.take('a'), undefined);
    assert.equal(cache.size, 0);
  });
});
