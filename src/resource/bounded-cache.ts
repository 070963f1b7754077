/**
 * A size-bounded map that forgets the least recently used entry first and treats entries past
 * their `until` (epoch ms) as absent. Map iteration order is insertion order, so re-inserting on
 * each hit keeps the oldest entry first.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.until <= this.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, until: number): void {
    if (this.maxEntries === 0 || until <= this.now()) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, until });
    while (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
