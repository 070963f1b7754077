import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { REDIRECT_URI, callback, insecure, startTokenServer, type TokenServer } from './fixtures/harness.js';

const exchange = (server: TokenServer, params: Record<string, string | string[]>) =>
  server.post('/token', { grant_type: 'authorization_code', client_id: 'public-app', redirect_uri: REDIRECT_URI, ...params });

async function expectError(response: Response, status: number, error: string): Promise<void> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const body = (await response.json()) as { error: string; error_description: string };
  assert.equal(body.error, error, body.error_description);
  assert.equal(typeof body.error_description, 'string');
}

describe('authorization_code grant', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer();
  });
  after(() => server.close());

  it('exchanges a code with PKCE for a no-store token response (oauth4webapi client)', async () => {
    const { code, verifier } = await server.issueCode('public-app');
    const client = { client_id: 'public-app' };
    const response = await oauth.authorizationCodeGrantRequest(server.as, client, oauth.None(), callback(server, 'public-app', code), REDIRECT_URI, verifier, {
      ...insecure,
      additionalParameters: { resource: server.resource },
    });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('pragma'), 'no-cache');
    const tokens = await oauth.processAuthorizationCodeResponse(server.as, client, response);
    assert.equal(tokens.token_type, 'bearer');
    assert.equal(tokens.expires_in, 900);
    assert.equal(tokens.scope, 'notes:read notes:write');
    assert.match(tokens.refresh_token ?? '', /^grt_/);
  });

  it('refuses a missing code_verifier', async () => {
    const { code } = await server.issueCode('public-app');
    await expectError(await exchange(server, { code }), 400, 'invalid_grant');
  });

  it('refuses a plain-method verifier (the challenge itself) and a wrong verifier', async () => {
    const a = await server.issueCode('public-app');
    const challenge = await oauth.calculatePKCECodeChallenge(a.verifier);
    await expectError(await exchange(server, { code: a.code, code_verifier: challenge }), 400, 'invalid_grant');
    const b = await server.issueCode('public-app');
    await expectError(await exchange(server, { code: b.code, code_verifier: oauth.generateRandomCodeVerifier() }), 400, 'invalid_grant');
  });

  it('refuses a verifier outside the RFC 7636 grammar (too short, bad characters)', async () => {
    const a = await server.issueCode('public-app');
    await expectError(await exchange(server, { code: a.code, code_verifier: 'short' }), 400, 'invalid_grant');
    const b = await server.issueCode('public-app');
    await expectError(await exchange(server, { code: b.code, code_verifier: `${'a'.repeat(50)}+/` }), 400, 'invalid_grant');
  });

  it('refuses a redirect_uri that differs from the authorization request, or is missing', async () => {
    const a = await server.issueCode('public-app');
    await expectError(await exchange(server, { code: a.code, code_verifier: a.verifier, redirect_uri: 'http://127.0.0.1:9999/callback/' }), 400, 'invalid_grant');
    const b = await server.issueCode('public-app');
    const noRedirect = await server.post('/token', { grant_type: 'authorization_code', client_id: 'public-app', code: b.code, code_verifier: b.verifier });
    await expectError(noRedirect, 400, 'invalid_request');
  });

  it('refuses an unknown or different resource (RFC 8707 invalid_target), accepts the bound one', async () => {
    const a = await server.issueCode('public-app');
    await expectError(await exchange(server, { code: a.code, code_verifier: a.verifier, resource: 'https://other.example/mcp' }), 400, 'invalid_target');
    const b = await server.issueCode('public-app');
    await expectError(await exchange(server, { code: b.code, code_verifier: b.verifier, resource: 'not a uri' }), 400, 'invalid_target');
    const c = await server.issueCode('public-app');
    await expectError(await exchange(server, { code: c.code, code_verifier: c.verifier, resource: [server.resource, 'https://other.example/mcp'] }), 400, 'invalid_target');
    const d = await server.issueCode('public-app');
    const ok = await exchange(server, { code: d.code, code_verifier: d.verifier, resource: server.resource });
    assert.equal(ok.status, 200);
  });

  it('accepts the resource in the same spellings /authorize accepts (trailing slash, upper-case host)', async () => {
    const mcp = new URL(server.resource);
    for (const resource of [server.resource + '/', `HTTP://${mcp.host.toUpperCase()}${mcp.pathname}`]) {
      const { code, verifier } = await server.issueCode('public-app');
      const response = await exchange(server, { code, code_verifier: verifier, resource });
      assert.equal(response.status, 200, `${resource}: ${await response.clone().text()}`);
      const { access_token } = (await response.json()) as { access_token: string };
      const aud = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString()).aud;
      assert.equal(aud, server.resource, 'the token still carries the one canonical audience');
    }
  });

  it('refuses a code issued to another client', async () => {
    const { code, verifier } = await server.issueCode('public-app');
    await expectError(await exchange(server, { code, code_verifier: verifier, client_id: 'public-app-2' }), 400, 'invalid_grant');
  });

  it('refuses an expired or unknown code', async () => {
    const { code, verifier } = await server.issueCode('public-app', { expiresAt: Date.now() - 1 });
    await expectError(await exchange(server, { code, code_verifier: verifier }), 400, 'invalid_grant');
    await expectError(await exchange(server, { code: 'no-such-code', code_verifier: verifier }), 400, 'invalid_grant');
  });

  it('refuses a replayed code and revokes what the first exchange issued', async () => {
    const { code, verifier, grantId } = await server.issueCode('public-app');
    const first = await exchange(server, { code, code_verifier: verifier });
    assert.equal(first.status, 200);
    const tokens = (await first.json()) as { access_token: string; refresh_token: string };
    await expectError(await exchange(server, { code, code_verifier: verifier }), 400, 'invalid_grant');
    const grant = await server.running.store.getGrant(grantId);
    assert.ok(grant?.revokedAt !== undefined, 'the grant is revoked');
    const refresh = await server.post('/token', { grant_type: 'refresh_token', client_id: 'public-app', refresh_token: tokens.refresh_token });
    await expectError(refresh, 400, 'invalid_grant');
  });

  it('gives no refresh token to a client not registered for the refresh_token grant, and refuses that grant', async () => {
    const { code, verifier } = await server.issueCode('code-only');
    const response = await exchange(server, { code, code_verifier: verifier, client_id: 'code-only' });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal('refresh_token' in body, false);
    const refresh = await server.post('/token', { grant_type: 'refresh_token', client_id: 'code-only', refresh_token: 'grt_x' });
    await expectError(refresh, 400, 'unauthorized_client');
  });

  it('refuses bodies that are not form-encoded, repeated parameters, unknown grant types and GET', async () => {
    const json = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', client_id: 'public-app' }),
    });
    await expectError(json, 400, 'invalid_request');
    await expectError(await server.post('/token', { grant_type: ['authorization_code', 'refresh_token'], client_id: 'public-app' }), 400, 'invalid_request');
    await expectError(await server.post('/token', { grant_type: 'password', client_id: 'public-app' }), 400, 'unsupported_grant_type');
    await expectError(await server.post('/token', { grant_type: 'client_credentials', client_id: 'public-app' }), 400, 'unsupported_grant_type');
    await expectError(await server.post('/token', { client_id: 'public-app' }), 400, 'invalid_request');
    await expectError(await fetch(`${server.issuer}/token`), 405, 'method_not_allowed');
  });

  it('refuses an oversized body with 413 before buffering it, declared or streamed (every form endpoint)', async () => {
    const big = 'grant_type=authorization_code&client_id=public-app&pad=' + 'x'.repeat(1024 * 1024);
    for (const path of ['/token', '/revoke', '/introspect']) {
      const declared = await fetch(server.issuer + path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: big });
      await expectError(declared, 413, 'invalid_request');
      const chunks = [big.slice(0, 1000), big.slice(1000)];
      const streamed = await fetch(server.issuer + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(new TextEncoder().encode(chunks.shift())) : c.close()) }),
        duplex: 'half',
      } as RequestInit);
      await expectError(streamed, 413, 'invalid_request');
    }
  });

  it('refuses an unknown client', async () => {
    await expectError(await server.post('/token', { grant_type: 'authorization_code', client_id: 'nobody' }), 401, 'invalid_client');
    await expectError(await server.post('/token', { grant_type: 'authorization_code' }), 401, 'invalid_client');
  });
});

describe('token endpoint rate limit', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer({ rateLimitPerMinute: 3 });
  });
  after(() => server.close());

  it('answers 429 with Retry-After once a client address exceeds its budget', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await server.post('/token', { grant_type: 'authorization_code', client_id: 'nobody' });
      statuses.push(last.status);
      if (i < 4) await last.body?.cancel();
    }
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    assert.ok(Number(last!.headers.get('retry-after')) >= 1);
    await expectError(last!, 429, 'rate_limited');
  });
});
