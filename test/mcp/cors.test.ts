import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { challengeAttributes, mintJwt, postInitialize, signingKey, startGuarded, type SigningKey } from '../resource/helpers.js';

/** A page served from another loopback port, as the MCP Inspector or a dev UI is. */
const LOCAL_PAGE = 'http://localhost:6274';

function preflight(url: string, origin: string, method = 'POST'): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization, content-type, mcp-protocol-version' },
  });
}

function assertReadableBy(response: Response, origin: string): void {
  assert.equal(response.headers.get('access-control-allow-origin'), origin);
  assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
  assert.equal(response.headers.get('access-control-allow-credentials'), null);
  const exposed = (response.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
  for (const name of ['WWW-Authenticate', 'Mcp-Session-Id', 'Mcp-Protocol-Version']) assert.ok(exposed.includes(name), `${name} exposed`);
}

describe('/mcp CORS for browser-based MCP clients', () => {
  let key: SigningKey;
  let running: RunningGatehouse;
  before(async () => {
    key = await signingKey();
    running = await startGuarded(key, {}, { server: { allowedOrigins: ['https://inspector.example'] } });
  });
  after(() => running.close());

  for (const origin of [LOCAL_PAGE, 'https://inspector.example']) {
    it(`a preflight from an allowed origin (${origin}) gets 204 without any token`, async () => {
      const response = await preflight(running.mcpUrl, origin);
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
      assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, DELETE');
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
      for (const name of ['authorization', 'content-type', 'accept', 'mcp-session-id', 'mcp-protocol-version', 'mcp-method', 'mcp-name', 'last-event-id']) {
        assert.ok(allowed.includes(name), `${name} allowed`);
      }
      assert.ok(Number(response.headers.get('access-control-max-age')) > 0);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
      assert.equal(response.headers.get('www-authenticate'), null);
    });
  }

  it('a preflight from an origin that is not allowed gets 403 and no CORS headers', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example:6274']) {
      const response = await preflight(running.mcpUrl, origin);
      assert.equal(response.status, 403, origin);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(((await response.json()) as { error: string }).error, 'forbidden');
    }
  });

  it('a 401 to an allowed origin is readable, challenge and resource_metadata included', async () => {
    const response = await postInitialize(running.mcpUrl, { Origin: LOCAL_PAGE });
    assert.equal(response.status, 401);
    assertReadableBy(response, LOCAL_PAGE);
    assert.equal(challengeAttributes(response.headers.get('www-authenticate')).resource_metadata, `${running.url}/.well-known/oauth-protected-resource/mcp`);
    await response.body?.cancel();
  });

  it('a successful initialize is readable with its session id; the session then works from that page', async () => {
    const token = await mintJwt(key, running.mcpUrl);
    const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}`, Origin: LOCAL_PAGE });
    assert.equal(response.status, 200);
    assertReadableBy(response, LOCAL_PAGE);
    const sessionId = response.headers.get('mcp-session-id');
    assert.ok(sessionId);
    await response.body?.cancel();
    const ended = await fetch(running.mcpUrl, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}`, Origin: LOCAL_PAGE, 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' },
    });
    assert.equal(ended.status, 200);
    assertReadableBy(ended, LOCAL_PAGE);
    const gone = await fetch(running.mcpUrl, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}`, Origin: LOCAL_PAGE, 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' },
    });
    assert.equal(gone.status, 404);
    assertReadableBy(gone, LOCAL_PAGE);
  });

  it('a real request from a refused origin gets 403 without CORS headers, even with a valid token', async () => {
    const token = await mintJwt(key, running.mcpUrl);
    const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}`, Origin: 'https://evil.example' });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await response.body?.cancel();
  });

  it('non-browser clients (no Origin) get no CORS headers, and an OPTIONS without Origin still needs a token', async () => {
    const response = await postInitialize(running.mcpUrl);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await response.body?.cancel();
    const options = await fetch(running.mcpUrl, { method: 'OPTIONS' });
    assert.equal(options.status, 401);
    await options.body?.cancel();
  });
});
