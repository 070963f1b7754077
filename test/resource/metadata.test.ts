import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { SCOPES, signingKey, startGuarded } from './helpers.js';

describe('protected resource metadata (RFC 9728)', () => {
  let running: RunningGatehouse;
  before(async () => {
    running = await startGuarded(await signingKey(), { authorizationServers: ['https://login.example.com'], resourceName: 'Demo notes' });
  });
  after(() => running.close());

  for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
    it(`serves the document at ${path}`, async () => {
      const response = await fetch(running.url + path, { headers: { Origin: 'https://some-web-client.example' } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(await response.json(), {
        resource: running.mcpUrl,
        authorization_servers: [running.url, 'https://login.example.com'],
        scopes_supported: SCOPES,
        bearer_methods_supported: ['header'],
        resource_name: 'Demo notes',
      });
    });
  }

  it('answers a CORS preflight', async () => {
    const response = await fetch(running.url + '/.well-known/oauth-protected-resource/mcp', { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });
});

describe('protected resource metadata without co-hosted AS or scopes', () => {
  it('omits empty fields', async () => {
    const running = await startGuarded(await signingKey(), { scopesSupported: [], authorizationServers: ['https://login.example.com'] }, {
      authorizationServer: { enabled: false },
    });
    try {
      const doc = (await (await fetch(running.url + '/.well-known/oauth-protected-resource/mcp')).json()) as Record<string, unknown>;
      assert.deepEqual(doc, { resource: running.mcpUrl, authorization_servers: ['https://login.example.com'], bearer_methods_supported: ['header'] });
    } finally {
      await running.close();
    }
  });
});
