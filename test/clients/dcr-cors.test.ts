import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { startTestGatehouse } from '../helpers/gatehouse.js';

const PAGE = 'https://web-client.example';

describe('/register answers browser-based clients on any origin', () => {
  let gatehouse: RunningGatehouse;
  before(async () => {
    gatehouse = await startTestGatehouse({ authorizationServer: { clients: { dcr: { rateLimit: { max: 2, windowSeconds: 600 } } } } });
  });
  after(() => gatehouse.close());

  const register = (body: string) =>
    fetch(`${gatehouse.url}/register`, { method: 'POST', headers: { Origin: PAGE, 'Content-Type': 'application/json' }, body });

  test('a preflight gets 204: POST with a JSON body, no credentials', async () => {
    const response = await fetch(`${gatehouse.url}/register`, {
      method: 'OPTIONS',
      headers: { Origin: PAGE, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-methods'), 'POST');
    assert.equal(response.headers.get('access-control-allow-headers'), 'Content-Type');
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });

  test('a cross-origin registration and its refusals (bad metadata, rate limit) are readable by the page', async () => {
    const created = await register(JSON.stringify({ redirect_uris: ['http://127.0.0.1:9/cb'], token_endpoint_auth_method: 'none' }));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('access-control-allow-origin'), '*');
    assert.ok(((await created.json()) as { client_id?: string }).client_id);
    const invalid = await register(JSON.stringify({ redirect_uris: ['javascript:alert(1)'] }));
    assert.equal(invalid.status, 400);
    assert.equal(invalid.headers.get('access-control-allow-origin'), '*');
    await invalid.body?.cancel();
    const limited = await register(JSON.stringify({ redirect_uris: ['http://127.0.0.1:9/cb'], token_endpoint_auth_method: 'none' }));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('access-control-allow-origin'), '*');
    assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    await limited.body?.cancel();
  });
});
