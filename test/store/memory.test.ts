import { openStore } from '../../src/store/open-store.js';
import { storeContract } from './contract.js';

// One memory store is one instance: "another instance" is the same one (nothing to share).
let shared: Awaited<ReturnType<typeof openStore>> | undefined;
storeContract('memory', {
  async open(clock) {
    shared ??= await openStore('memory', { clock });
    return shared;
  },
  async cleanup() {},
});
