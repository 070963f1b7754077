import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { toClientRecord } from '../../src/clients/client-metadata.js';
import { registerClient } from '../../src/clients/dcr/register-client.js';
import { parseConfig } from '../../src/config/load.js';
import { hashSecret } from '../../src/crypto/hash.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { setupResolver } from './helpers/resolver-setup.js';

const isUnknown = (error: unknown) => error instanceof OAuthError && error.code === 'invalid_client' && error.description === 'Unknown client_id.';
const SECRET = 'a-long-random-client-secret-0123456789abcdef';

function refusedConfig(clients: Record<string, unknown>, field: RegExp, message: RegExp): void {
  assert.throws(
    () => parseConfig({ authorizationServer: { clients } }),
    (error: unknown) => error instanceof ConfigError && field.test(error.field) && message.test(error.message),
  );
}

describe('pre-registered clients', () => {
  test('a public client and a confidential one whose secret comes from the environment, hashed at load', async () => {
    const { resolver } = await setupResolver(
      {
        preregistered: [
          { clientId: 'cli', redirectUris: ['http://127.0.0.1/cb'] },
          { clientId: 'backend', redirectUris: ['https://app.example/cb'], tokenEndpointAuthMethod: 'client_secret_post', secretEnv: 'BACKEND_SECRET' },
          { clientId: 'hashed', redirectUris: ['https://app.example/cb'], tokenEndpointAuthMethod: 'client_secret_basic', secretHash: hashSecret(SECRET) },
        ],
      },
      { env: { BACKEND_SECRET: SECRET } },
    );
    const cli = await resolver.resolve('cli');
    assert.equal(cli.record.kind, 'preregistered');
    assert.equal(cli.record.tokenEndpointAuthMethod, 'none');
    assert.equal(cli.record.applicationType, 'native');
    assert.deepEqual(cli.record.grantTypes, ['authorization_code', 'refresh_token']);
    const backend = await resolver.resolve('backend');
    assert.equal(backend.record.secretHash, hashSecret(SECRET));
    assert.ok(!JSON.stringify(backend.record).includes(SECRET));
    assert.equal((await resolver.resolve('hashed')).record.secretHash, hashSecret(SECRET));
  });

  test('pre-registered wins over a stored record with the same id', async () => {
    const { resolver, store, clock } = await setupResolver({ preregistered: [{ clientId: 'dcr_same', redirectUris: ['https://app.example/cb'] }] });
    await store.putClient(toClientRecord('dcr_same', 'dcr', { redirect_uris: ['https://other.example/cb'], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none', application_type: 'web' }, { createdAt: clock.now }));
    assert.equal((await resolver.resolve('dcr_same')).record.kind, 'preregistered');
  });

  test('a missing or weak secret variable stops start-up, naming the field', async () => {
    const clients = { preregistered: [{ clientId: 'backend', redirectUris: ['https://app.example/cb'], tokenEndpointAuthMethod: 'client_secret_basic', secretEnv: 'NOPE_SECRET' }] };
    await assert.rejects(setupResolver(clients, { env: {} }), (error: unknown) => error instanceof ConfigError && error.field === 'authorizationServer.clients.preregistered.0.secretEnv' && /NOPE_SECRET is not set/.test(error.message));
    await assert.rejects(setupResolver(clients, { env: { NOPE_SECRET: 'short' } }), (error: unknown) => error instanceof ConfigError && /shorter than 32/.test(error.message));
  });

  test('bad configurations are refused at start-up, naming the field', () => {
    const base = { redirectUris: ['https://app.example/cb'] };
    refusedConfig({ preregistered: [{ clientId: 'https://app.example/client.json', ...base }] }, /preregistered\.0\.clientId/, /must not start with https:\/\//);
    refusedConfig({ preregistered: [{ clientId: 'a', ...base }, { clientId: 'a', ...base }] }, /preregistered\.1\.clientId/, /duplicate/);
    refusedConfig({ preregistered: [{ clientId: 'a', ...base, tokenEndpointAuthMethod: 'client_secret_basic' }] }, /secretHash/, /exactly one of secretHash or secretEnv/);
    refusedConfig({ preregistered: [{ clientId: 'a', ...base, secretHash: hashSecret(SECRET) }] }, /secretHash/, /only for client_secret/);
    refusedConfig({ preregistered: [{ clientId: 'a', ...base, tokenEndpointAuthMethod: 'client_secret_basic', secretHash: 'plain-text' }] }, /secretHash/, /43 base64url/);
    refusedConfig({ preregistered: [{ clientId: 'a', ...base, tokenEndpointAuthMethod: 'private_key_jwt' }] }, /jwks/, /exactly one of jwks or jwksUri/);
    refusedConfig({ preregistered: [{ clientId: 'a', redirectUris: ['javascript:alert(1)'] }] }, /redirectUris\.0/, /forbidden scheme/);
    refusedConfig({ preregistered: [{ clientId: 'a', redirectUris: ['http://127.0.0.1/cb'], applicationType: 'web' }] }, /redirectUris\.0/, /only native clients/);
    refusedConfig({ cimd: { cacheMinTtlSeconds: 100, cacheMaxTtlSeconds: 50 } }, /cimd\.cacheMinTtlSeconds/, /must not exceed/);
    refusedConfig({ cimd: { maxBytes: 10 } }, /cimd\.maxBytes/, /./);
    refusedConfig({ dcr: { rateLimit: { max: 0 } } }, /dcr\.rateLimit\.max/, /./);
    refusedConfig({ dcr: { typo: true } }, /dcr/, /unknown field/);
  });
});

describe('dynamically registered clients', () => {
  const meta = { redirect_uris: ['https://app.example/cb'], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none' as const, application_type: 'web' as const };

  test('an unused registration expires; each use pushes the expiry back', async () => {
    const { resolver, store, clock } = await setupResolver({ dcr: { unusedExpirySeconds: 3600 } });
    const { client_id: id } = await registerClient(store, meta, clock.now, 3600);
    clock.now += 3500_000;
    assert.equal((await resolver.resolve(String(id))).record.kind, 'dcr');
    clock.now += 3500_000;
    assert.equal((await resolver.resolve(String(id))).record.kind, 'dcr', 'the use above renewed it');
    clock.now += 3601_000;
    await assert.rejects(resolver.resolve(String(id)), isUnknown);
  });

  test('with DCR disabled, stored registrations are not accepted', async () => {
    const { resolver, store, clock } = await setupResolver({ dcr: { enabled: false } });
    const { client_id: id } = await registerClient(store, meta, clock.now, 3600);
    await assert.rejects(resolver.resolve(String(id)), isUnknown);
  });

  test('unknown, empty and oversized ids are unknown clients', async () => {
    const { resolver } = await setupResolver();
    for (const id of ['nobody', '', 'x'.repeat(5000)]) await assert.rejects(resolver.resolve(id), isUnknown);
  });

  test('a CIMD cache entry is never mistaken for a registration and vice versa', async () => {
    const { resolver, store, clock } = await setupResolver();
    await store.putClient(toClientRecord('plain-id', 'cimd', meta, { createdAt: clock.now }));
    await assert.rejects(resolver.resolve('plain-id'), isUnknown);
  });
});

describe('development CIMD over http://localhost', () => {
  test('refused by default; allowed and flagged as development when the option is on', async () => {
    const server = createServer((req, res) => {
      const id = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ client_id: id, client_name: 'Dev host', redirect_uris: ['http://127.0.0.1/cb'] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const id = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client.json`;
      const strict = await setupResolver();
      await assert.rejects(strict.resolver.resolve(id), (error: unknown) => error instanceof OAuthError && /must use https/.test(error.description));
      const dev = await setupResolver({ cimd: { allowHttpLocalhost: true } });
      const resolved = await dev.resolver.resolve(id);
      assert.equal(resolved.development, true);
      assert.equal(resolved.record.clientName, 'Dev host');
    } finally {
      server.close();
    }
  });
});
