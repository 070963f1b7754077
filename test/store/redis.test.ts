import { Redis } from 'ioredis';
import { openStore } from '../../src/store/open-store.js';
import { storeContract, type HarnessResult } from './contract.js';
import { redisUrl, serviceUnavailable, uniqueName } from './services.js';

const url = redisUrl();
const redisPrefix = `${uniqueName('store')}:`;

async function harness(): Promise<HarnessResult> {
  const unavailable = await serviceUnavailable(url, { redisPrefix });
  if (unavailable) return { unavailable };
  return {
    open: (clock) => openStore(url, { redisPrefix, clock }),
    shared: { url, options: { redisPrefix } },
    async cleanup() {
      const redis = new Redis(url);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}

storeContract('redis', await harness());
