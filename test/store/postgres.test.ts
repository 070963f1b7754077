import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import { storeContract, type HarnessResult } from './contract.js';
import { postgresUrl, serviceUnavailable, uniqueName } from './services.js';

const url = postgresUrl();
const postgresSchema = uniqueName('store');

async function harness(): Promise<HarnessResult> {
  const unavailable = await serviceUnavailable(url, { postgresSchema });
  if (unavailable) return { unavailable };
  return {
    open: (clock) => openStore(url, { postgresSchema, clock }),
    shared: { url, options: { postgresSchema } },
    async cleanup() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${postgresSchema} CASCADE`);
      await client.end();
    },
  };
}

storeContract('postgres', await harness());
