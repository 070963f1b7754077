import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { formatSealingKeys, generateSealingKey } from '../../src/crypto/sealer.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { loadSealer, sealingKeyFile } from '../../src/store/sealing-keys.js';

const ENV = 'GATEHOUSE_SEALING_KEYS';
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('loadSealer', () => {
  it('uses the keys in the named environment variable, sealing with the first', () => {
    const keys = [generateSealingKey('new'), generateSealingKey('old')];
    const sealer = loadSealer({ url: 'postgres://db/x', sealingKeysEnv: 'MY_KEYS' }, { MY_KEYS: formatSealingKeys(keys) });
    assert.equal(sealer.sealingKid, 'new');
  });

  it('refuses a malformed variable, naming it', () => {
    assert.throws(
      () => loadSealer({ url: 'memory', sealingKeysEnv: ENV }, { [ENV]: 'k1:tooshort' }),
      (e: unknown) => e instanceof ConfigError && e.field === ENV && /32 bytes/.test(e.message),
    );
  });

  it('refuses Redis and PostgreSQL without the variable: every instance must share the keys', () => {
    for (const url of ['redis://127.0.0.1:6379', 'postgres://127.0.0.1/db']) {
      assert.throws(
        () => loadSealer({ url, sealingKeysEnv: ENV }, {}),
        (e: unknown) => e instanceof ConfigError && e.field === ENV && /must be set for a shared store/.test(e.message),
      );
    }
  });

  it('generates a key file next to the SQLite database (mode 0600) and reuses it', () => {
    const url = `sqlite:${join(dir, 'data', 'gatehouse.db')}`;
    const first = loadSealer({ url, sealingKeysEnv: ENV }, {});
    const file = sealingKeyFile(url);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(readFileSync(file, 'utf8'), /^local1:[A-Za-z0-9_-]{43}\n$/);
    const again = loadSealer({ url, sealingKeysEnv: ENV }, {});
    assert.equal(again.open(first.seal('survives restarts')), 'survives restarts');
  });

  it('refuses a key file others can read', () => {
    const url = `sqlite:${join(dir, 'loose.db')}`;
    loadSealer({ url, sealingKeysEnv: ENV }, {});
    chmodSync(sealingKeyFile(url), 0o644);
    assert.throws(() => loadSealer({ url, sealingKeysEnv: ENV }, {}), /readable by others/);
  });

  it('gives memory a throwaway key', () => {
    const sealer = loadSealer({ url: 'memory', sealingKeysEnv: ENV }, {});
    assert.equal(sealer.open(sealer.seal('x')), 'x');
  });
});
