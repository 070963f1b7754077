import type { Store } from '../../../src/store/contract.js';
import type { OpenStoreOptions } from '../../../src/store/open-store.js';

/** A clock the tests move by hand; stores read it for methods without a `now` argument. */
export interface TestClock {
  now: number;
  (): number;
}

export function testClock(start = Date.now()): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = start;
  return clock;
}

/** What one backend gives the contract suite. */
export interface StoreHarness {
  /** Opens an instance on the suite's backing data (each call: another "server" sharing it). */
  open(clock: TestClock): Promise<Store>;
  /** How a child process opens the same backing data; absent for memory (nothing to share). */
  shared?: { url: string; options: OpenStoreOptions };
  /** Removes what the suite created (files, keys, schema). */
  cleanup(): Promise<void>;
}

/** Either a harness, or why this backend cannot run here (the suite then fails in CI, skips elsewhere). */
export type HarnessResult = StoreHarness | { unavailable: string };
