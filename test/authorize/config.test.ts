import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverUrls } from '../../src/app/urls.js';
import { authorizeKeys } from '../../src/authorize/secrets.js';
import { parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { createLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';

const refused = (authorize: Record<string, unknown>, field: string) =>
  assert.throws(
    () => parseConfig({ authorizationServer: { authorize } }),
    (error: unknown) => error instanceof ConfigError && error.field === `authorizationServer.authorize.${field}`,
  );

describe('authorizationServer.authorize config', () => {
  it('has safe defaults', () => {
    const { authorize } = parseConfig({}).authorizationServer;
    assert.equal(authorize.codeTtl, 60);
    assert.equal(authorize.sessionTtl, 900);
    assert.equal(authorize.defaultScopes, undefined);
    assert.deepEqual(authorize.loginThrottle, { maxAttempts: 10, windowSeconds: 900 });
    assert.equal(authorize.cookieSecretEnv, 'GATEHOUSE_COOKIE_SECRET');
  });

  it('refuses bad values, naming the field', () => {
    refused({ codeTtl: 120 }, 'codeTtl');
    refused({ sessionTtl: 10 }, 'sessionTtl');
    refused({ defaultScopes: ['has space'] }, 'defaultScopes.0');
    refused({ loginThrottle: { maxAttempts: 0 } }, 'loginThrottle.maxAttempts');
    refused({ cookieSecretEnv: 'lower-case' }, 'cookieSecretEnv');
    assert.throws(() => parseConfig({ authorizationServer: { authorize: { typo: 1 } } }), /unknown field/);
  });

  it('a cookie secret that is too short stops start-up, naming the variable', async () => {
    const config = parseConfig({ logLevel: 'silent' });
    const store = await openStore('memory');
    const deps = { config, store, logger: createLogger('silent'), urls: serverUrls('http://127.0.0.1:1', '/mcp'), now: Date.now };
    assert.throws(() => authorizeKeys(deps, { GATEHOUSE_COOKIE_SECRET: 'short' }), (e: unknown) => e instanceof ConfigError && e.field === 'GATEHOUSE_COOKIE_SECRET');
    const a = authorizeKeys(deps, { GATEHOUSE_COOKIE_SECRET: 'x'.repeat(40) });
    const b = authorizeKeys(deps, { GATEHOUSE_COOKIE_SECRET: 'x'.repeat(40) });
    assert.deepEqual(a.csrf, b.csrf, 'instances sharing the variable share keys');
    assert.notDeepEqual(Buffer.from(a.session), a.csrf, 'one key per purpose');
    assert.notDeepEqual(authorizeKeys(deps, {}).csrf, authorizeKeys(deps, {}).csrf, 'unset: random per process');
    await store.close();
  });
});
