import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REDIRECT_URI, startTokenServer, type TokenServer } from './fixtures/harness.js';

/** The page of a browser-based MCP client on its own origin. */
const PAGE = 'https://web-client.example';

function preflight(server: TokenServer, path: string, headers = 'content-type'): Promise<Response> {
  return fetch(server.issuer + path, {
    method: 'OPTIONS',
    headers: { Origin: PAGE, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': headers },
  });
}

function assertAnyOrigin(response: Response): void {
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('access-control-allow-credentials'), null);
}

describe('/token and /revoke answer browser-based clients on any origin', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer({ rateLimitPerMinute: 6 });
  });
  after(() => server.close());

  for (const path of ['/token', '/revoke']) {
    it(`a preflight to ${path} gets 204: POST with Authorization and Content-Type, no credentials`, async () => {
      const response = await preflight(server, path, 'authorization, content-type');
      assert.equal(response.status, 204);
      assertAnyOrigin(response);
      assert.equal(response.headers.get('access-control-allow-methods'), 'POST');
      assert.equal(response.headers.get('access-control-allow-headers'), 'Authorization, Content-Type');
      assert.ok(Number(response.headers.get('access-control-max-age')) > 0);
    });
  }

  it('a cross-origin code exchange gets its tokens, readable by the page', async () => {
    const { code, verifier } = await server.issueCode('public-app');
    const response = await server.post('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI, client_id: 'public-app' }, { Origin: PAGE });
    assert.equal(response.status, 200);
    assertAnyOrigin(response);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.ok(((await response.json()) as { access_token?: string }).access_token);
  });

  it('a cross-origin refusal is readable too (invalid_grant, invalid_client)', async () => {
    const badGrant = await server.post('/token', { grant_type: 'authorization_code', code: 'nope', code_verifier: 'x'.repeat(43), redirect_uri: REDIRECT_URI, client_id: 'public-app' }, { Origin: PAGE });
    assert.equal(badGrant.status, 400);
    assertAnyOrigin(badGrant);
    assert.equal(((await badGrant.json()) as { error: string }).error, 'invalid_grant');
    const badClient = await server.post('/token', { grant_type: 'refresh_token', refresh_token: 'x' }, { Origin: PAGE, Authorization: 'Basic ' + Buffer.from('basic-app:wrong').toString('base64') });
    assert.equal(badClient.status, 401);
    assertAnyOrigin(badClient);
    await badClient.body?.cancel();
  });

  it('a cross-origin revocation is answered 200 and readable', async () => {
    const { access_token } = await server.obtainTokens();
    const response = await server.post('/revoke', { token: access_token, client_id: 'public-app' }, { Origin: PAGE });
    assert.equal(response.status, 200);
    assertAnyOrigin(response);
    await response.body?.cancel();
  });

  it('body and rate limits still apply to the real request, and their refusals are readable', async () => {
    const huge = await server.post('/token', { grant_type: 'authorization_code', code: 'x'.repeat(70 * 1024) }, { Origin: PAGE });
    assert.equal(huge.status, 413);
    assertAnyOrigin(huge);
    await huge.body?.cancel();
    // Preflights carry no credentials and touch no store: they never use up the budget.
    for (let i = 0; i < 8; i += 1) assert.equal((await preflight(server, '/revoke')).status, 204);
    let limited: Response | undefined;
    for (let i = 0; i < 8 && !limited; i += 1) {
      const response = await server.post('/revoke', { token: 'x', client_id: 'public-app' }, { Origin: PAGE });
      if (response.status === 429) limited = response;
      else await response.body?.cancel();
    }
    assert.ok(limited, 'the revocation rate limit applies to cross-origin requests');
    assertAnyOrigin(limited);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    await limited.body?.cancel();
  });

  it('/introspect is for resource servers: no preflight answer and no CORS headers', async () => {
    const refusedPreflight = await preflight(server, '/introspect', 'authorization, content-type');
    assert.equal(refusedPreflight.status, 405);
    assert.equal(refusedPreflight.headers.get('access-control-allow-origin'), null);
    await refusedPreflight.body?.cancel();
    const response = await server.post('/introspect', { token: 'x' }, { Origin: PAGE });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await response.body?.cancel();
  });

  it('without an Origin (non-browser clients) an OPTIONS is still 405, as before', async () => {
    const response = await fetch(server.issuer + '/token', { method: 'OPTIONS' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
    await response.body?.cancel();
  });
});
