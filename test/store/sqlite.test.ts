import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { storeContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-sqlite-'));
const url = `sqlite:${join(dir, 'nested', 'gatehouse.db')}`;

storeContract('sqlite', {
  open: (clock) => openStore(url, { clock }),
  shared: { url, options: {} },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
});
