/**
 * Small rules every backend shares, so that they cannot drift apart.
 */

/** Epoch milliseconds; methods without a `now` argument ask this (tests may move it). */
export type Clock = () => number;

/**
 * Rate-limit windows are fixed and belong to each key: the first hit with no live window opens
 * one of `windowMs`, the backend keeps its end beside the count, so every instance sharing the
 * backend counts into the same window. (Windows aligned to the epoch would let every client
 * burst twice at each shared boundary.)
 */
export function checkWindow(windowMs: number): void {
  if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
}

/**
 * A copy of a record, made as the SQL and Redis stores make theirs: through JSON. Stores that
 * keep records in memory hand out copies, so that changing a returned object changes nothing
 * stored. (Node 20's structuredClone costs more under load: the guard's opaque-token lookup on
 * the memory store took ≈25 µs more per request with it, docs/performance.md §12.)
 */
export function copyRecord<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
