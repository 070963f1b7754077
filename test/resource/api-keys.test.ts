import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { generateApiKey } from '../../src/resource/verifiers/api-keys.js';
import { startTestGatehouse } from '../helpers/gatehouse.js';
import { bearerClient, buildApp, challengeAttributes, postInitialize } from './helpers.js';

describe('Tier 1 static API keys', () => {
  const fromConfig = generateApiKey('ci-bot', ['notes:read']);
  const fromEnv = generateApiKey('env-bot', ['notes:read', 'notes:write']);
  const revoked = generateApiKey('old-bot', ['notes:read']);
  const envName = `GH_TEST_API_KEYS_${process.pid}`;
  let running: RunningGatehouse;
  before(async () => {
    process.env[envName] = JSON.stringify([fromEnv.entry]);
    running = await startTestGatehouse({
      authMode: 'api-key',
      resource: { apiKeys: [fromConfig.entry, { ...revoked.entry, revoked: true }], apiKeysEnv: envName },
    });
  });
  after(() => running.close());

  it('a configured key reaches tools as its label', async () => {
    const { client, close } = await bearerClient(running.mcpUrl, fromConfig.key, 'modern');
    try {
      const who = (await client.callTool({ name: 'whoami', arguments: {} })).structuredContent as Record<string, unknown>;
      assert.equal(who.subject, 'api-key:ci-bot');
      assert.equal(who.clientId, 'ci-bot');
      assert.deepEqual(who.scopes, ['notes:read']);
    } finally {
      await close();
    }
  });

  it('a key from the environment variable works with its scopes', async () => {
    const { client, close } = await bearerClient(running.mcpUrl, fromEnv.key, 'legacy');
    try {
      const result = await client.callTool({ name: 'notes_add', arguments: { text: 'from env' } });
      assert.notEqual(result.isError, true);
    } finally {
      await close();
    }
  });

  for (const [name, key] of [
    ['an unknown key', generateApiKey('nobody', []).key],
    ['a revoked key', revoked.key],
    ['a key with one character changed', fromConfig.key.slice(0, -1) + (fromConfig.key.endsWith('A') ? 'B' : 'A')],
  ] as const) {
    it(`401 invalid_token for ${name}`, async () => {
      const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${key}` });
      assert.equal(response.status, 401);
      assert.equal(challengeAttributes(response.headers.get('www-authenticate')).error, 'invalid_token');
    });
  }

  it('api-key mode accepts no JWT', async () => {
    const response = await postInitialize(running.mcpUrl, { Authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln' });
    assert.equal(response.status, 401);
  });
});

describe('API keys from the environment are validated at start-up', () => {
  it('names the variable and the field', async () => {
    const envName = `GH_TEST_BAD_KEYS_${process.pid}`;
    process.env[envName] = JSON.stringify([{ label: 'x', hash: 'too-short', scopes: [] }]);
    await assert.rejects(buildApp({ authMode: 'api-key', resource: { apiKeysEnv: envName } }), (error: Error) => {
      assert.equal(error.name, 'ConfigError');
      assert.match(error.message, new RegExp(`^${envName}\\[0\\.hash\\]`));
      return true;
    });
    process.env[envName] = 'not json';
    await assert.rejects(buildApp({ authMode: 'api-key', resource: { apiKeysEnv: envName } }), /must be a JSON array/);
  });

  it('api-key mode without any key refuses to start', async () => {
    await assert.rejects(buildApp({ authMode: 'api-key', resource: { apiKeysEnv: 'GH_TEST_UNSET_KEYS' } }), /resource\.apiKeys/);
  });
});
