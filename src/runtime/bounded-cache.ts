import { LRUCache } from 'lru-cache';

/**
 * A size-bounded map that forgets the least recently used entry first and treats entries past
 * their `until` (epoch ms, read from the given clock) as absent.
 *
 * The order is kept by `lru-cache`, not by re-inserting into a `Map`: V8 leaves a hole for every
 * deleted entry until it rebuilds the table, and evicting the oldest entry with a new iterator
 * skips every hole at the front, so a full cache of 10,000 entries paid ≈4–6 µs per insertion,
 * climbing with its size (a live iterator kept across calls avoids the skipping, but retains
 * every table V8 has rebuilt since it last moved: a leak). `lru-cache` keeps its order in
 * linked indices: ≈0.3 µs (docs/performance.md §12).
 */
export class BoundedCache<V> {
  readonly #entries: LRUCache<string, { value: V; until: number }> | undefined;

  constructor(
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    // lru-cache needs room for one entry at least; a cache of none keeps nothing.
    this.#entries = maxEntries > 0 ? new LRUCache({ max: maxEntries }) : undefined;
  }

  get(key: string): V | undefined {
    const entry = this.#entries?.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.#entries!.delete(key);
    return undefined;
  }

  /** The entry's value, if live, and forgets it: for what may be handed out only once. */
  take(key: string): V | undefined {
    const entry = this.#entries?.peek(key);
    if (!entry) return undefined;
    this.#entries!.delete(key);
    return entry.until > this.now() ? entry.value : undefined;
  }

  set(key: string, value: V, until: number): void {
    if (until <= this.now()) return;
    this.#entries?.set(key, { value, until });
  }

  delete(key: string): void {
    this.#entries?.delete(key);
  }

  get size(): number {
    return this.#entries?.size ?? 0;
  }
}
