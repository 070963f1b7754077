import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';

/** The test services on this machine (loopback only); overridable for other set-ups. */
export const redisUrl = () => process.env.GATEHOUSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const postgresUrl = () => process.env.GATEHOUSE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A name unique to this test run, usable as a Redis prefix part or a PostgreSQL schema. */
export const uniqueName = (label: string) => `gatehouse_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

/** Why the backend cannot be used, or undefined when it can (probed by opening the very store the suite will use). */
export async function serviceUnavailable(url: string, options: OpenStoreOptions): Promise<string | undefined> {
  try {
    await (await openStore(url, options)).close();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Test options for a test needing a service: outside CI an unavailable service skips it with
 * the reason (and says so on stderr); in CI the test runs and fails.
 */
export function needs(service: string, unavailable: string | undefined): { skip?: string } {
  if (!unavailable || process.env.CI === 'true') return {};
  process.stderr.write(`\n*** SKIPPING a test that needs ${service}: ${unavailable} ***\n\n`);
  return { skip: `${service} unavailable: ${unavailable}` };
}
