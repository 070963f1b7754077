/**
 * Small rules every backend shares, so that they cannot drift apart.
 */

/** Epoch milliseconds; methods without a `now` argument ask this (tests may move it). */
export type Clock = () => number;

/**
 * The fixed window `now` falls in. Windows are aligned to the epoch, not to the first hit, so
 * every instance sharing a backend counts into the same window.
 */
export function fixedWindow(now: number, windowMs: number): { windowStart: number; resetAt: number } {
  if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
  const windowStart = Math.floor(now / windowMs) * windowMs;
  return { windowStart, resetAt: windowStart + windowMs };
}
