import { after, before, beforeEach, describe, test } from 'node:test';
import type { Store } from '../../src/store/contract.js';
import { crossProcessTests } from './contract/cross-process-tests.js';
import { ephemeralTests } from './contract/ephemeral-tests.js';
import { testClock, type HarnessResult, type StoreHarness, type TestClock } from './contract/harness.js';
import { recordTests } from './contract/record-tests.js';
import { tokenTests } from './contract/token-tests.js';

export { testClock, type HarnessResult, type StoreHarness } from './contract/harness.js';

/** What each group of contract tests receives: the store under test, its clock, its harness. */
export interface ContractContext {
  store(): Store;
  clock: TestClock;
  harness: StoreHarness;
}

/**
 * Defines the storage contract's tests for one backend. A backend that cannot run here (no
 * server) fails the run in CI and is skipped, loudly and with its reason, elsewhere.
 */
export function storeContract(name: string, result: HarnessResult): void {
  if ('unavailable' in result) {
    if (process.env.CI === 'true') {
      test(`store contract: ${name}`, () => {
        throw new Error(`${name} is required in CI but unavailable: ${result.unavailable}`);
      });
    } else {
      process.stderr.write(`\n*** SKIPPING the ${name} store contract: ${result.unavailable} ***\n\n`);
      test(`store contract: ${name}`, { skip: `${name} unavailable: ${result.unavailable}` }, () => {});
    }
    return;
  }
  const harness = result;
  const clock = testClock();
  let store: Store | undefined;
  const ctx: ContractContext = { store: () => store!, clock, harness };

  describe(`store contract: ${name}`, () => {
    before(async () => {
      store = await harness.open(clock);
    });
    after(async () => {
      await store?.close();
      await harness.cleanup();
    });
    beforeEach(() => {
      clock.now = Date.now();
    });
    recordTests(ctx);
    tokenTests(ctx);
    ephemeralTests(ctx);
    if (harness.shared) crossProcessTests(ctx, harness.shared);
  });
}
