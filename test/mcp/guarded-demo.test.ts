import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { bearerClient, challengeAttributes, mintJwt, postInitialize, postOnSession, signingKey, startGuarded, type SigningKey } from '../resource/helpers.js';

describe('the demo MCP server behind the guard', () => {
  let key: SigningKey;
  let running: RunningGatehouse;
  let metadataUrl: string;
  before(async () => {
    key = await signingKey();
    running = await startGuarded(key);
    metadataUrl = `${running.url}/.well-known/oauth-protected-resource/mcp`;
  });
  after(() => running.close());

  for (const era of ['legacy', 'modern'] as const) {
    it(`tools see the principal through authInfo (${era})`, async () => {
      const token = await mintJwt(key, running.mcpUrl, { sub: 'alice', client_id: 'client-a', scope: 'notes:read' });
      const { client, close } = await bearerClient(running.mcpUrl, token, era);
      try {
        const result = await client.callTool({ name: 'whoami', arguments: {} });
        const who = result.structuredContent as Record<string, unknown>;
        assert.equal(who.subject, 'alice');
        assert.equal(who.clientId, 'client-a');
        assert.deepEqual(who.scopes, ['notes:read']);
        assert.equal(who.resource, running.mcpUrl);
        assert.equal(who.authenticated, true);
      } finally {
        await close();
      }
    });

    it(`403 insufficient_scope for a tool needing more, asking for needed + held (${era})`, async () => {
      const token = await mintJwt(key, running.mcpUrl, { scope: 'notes:read' });
      const { client, responses, close } = await bearerClient(running.mcpUrl, token, era);
      try {
        await assert.rejects(client.callTool({ name: 'notes_add', arguments: { text: 'hello' } }));
        const refusal = responses.find((r) => r.status === 403);
        assert.ok(refusal, `expected an HTTP 403, got ${JSON.stringify(responses)}`);
        const attrs = challengeAttributes(refusal.wwwAuthenticate);
        assert.equal(attrs.error, 'insufficient_scope');
        assert.equal(attrs.scope, 'notes:write notes:read');
        assert.equal(attrs.resource_metadata, metadataUrl);
        assert.equal(JSON.parse(refusal.body).error, 'insufficient_scope');
        // The same client is fine for what its token does cover.
        const ok = await client.callTool({ name: 'notes_list', arguments: {} });
        assert.notEqual(ok.isError, true);
      } finally {
        await close();
      }
    });

    it(`a token with the needed scope calls the tool (${era})`, async () => {
      const token = await mintJwt(key, running.mcpUrl, { sub: `writer-${era}`, scope: 'notes:read notes:write' });
      const { client, close } = await bearerClient(running.mcpUrl, token, era);
      try {
        const result = await client.callTool({ name: 'notes_add', arguments: { text: 'hello' } });
        assert.notEqual(result.isError, true);
      } finally {
        await close();
      }
    });
  }

  it('403 for an Origin that is not allowed; the own origin passes', async () => {
    const token = await mintJwt(key, running.mcpUrl);
    const evil = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}`, Origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
    assert.equal(((await evil.json()) as { error: string }).error, 'forbidden');
    const nullOrigin = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}`, Origin: 'null' });
    assert.equal(nullOrigin.status, 403);
    const own = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}`, Origin: running.url });
    assert.equal(own.status, 200);
    await own.body?.cancel();
  });

  it('an allowed extension origin allows that extension only, not every non-web origin', async () => {
    const extension = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const withExtension = await startGuarded(key, {}, { server: { allowedOrigins: [extension, 'https://App.Example.com:443'] } });
    try {
      const token = await mintJwt(key, withExtension.mcpUrl);
      const statusFor = async (origin: string) => {
        const response = await postInitialize(withExtension.mcpUrl, { Authorization: `Bearer ${token}`, Origin: origin });
        await response.body?.cancel();
        return response.status;
      };
      assert.equal(await statusFor(extension), 200);
      assert.equal(await statusFor('https://app.example.com'), 200);
      for (const other of ['chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba', 'moz-extension://abcdefghijklmnopabcdefghijklmnop', 'evil://x', 'https://app.example.com:8443']) {
        assert.equal(await statusFor(other), 403, other);
      }
    } finally {
      await withExtension.close();
    }
  });

  it('403 for a Host that is not ours (DNS rebinding), before any token check', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(running.mcpUrl, { method: 'POST', headers: { Host: 'evil.example.com', 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end('{}');
    });
    assert.equal(status, 403);
  });

  it('binds a session to its principal (user + client): others get 403, unknown 404, DELETE ends it', async () => {
    const alice = await mintJwt(key, running.mcpUrl, { sub: 'alice', client_id: 'client-a' });
    const mallory = await mintJwt(key, running.mcpUrl, { sub: 'mallory', client_id: 'client-a' });
    const aliceOtherClient = await mintJwt(key, running.mcpUrl, { sub: 'alice', client_id: 'client-b' });
    const init = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${alice}` });
    assert.equal(init.status, 200);
    await init.body?.cancel();
    const sessionId = init.headers.get('mcp-session-id');
    assert.ok(sessionId);
    const ping = { jsonrpc: '2.0', id: 2, method: 'ping' };

    for (const other of [mallory, aliceOtherClient]) {
      const hijack = await postOnSession(running.mcpUrl, sessionId, ping, { Authorization: `Bearer ${other}` });
      assert.equal(hijack.status, 403);
      assert.equal(((await hijack.json()) as { error: string }).error, 'forbidden');
    }
    const own = await postOnSession(running.mcpUrl, sessionId, ping, { Authorization: `Bearer ${alice}` });
    assert.equal(own.status, 200);
    await own.body?.cancel();

    const unknown = await postOnSession(running.mcpUrl, 'no-such-session', ping, { Authorization: `Bearer ${alice}` });
    assert.equal(unknown.status, 404);

    const end = await fetch(running.mcpUrl, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${alice}`, 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' },
    });
    assert.equal(end.status, 200);
    const after = await postOnSession(running.mcpUrl, sessionId, ping, { Authorization: `Bearer ${alice}` });
    assert.equal(after.status, 404);
  });
});

describe('authMode "off"', () => {
  it('serves without a token but still checks Host and Origin', async () => {
    const { startTestGatehouse } = await import('../helpers/gatehouse.js');
    const running = await startTestGatehouse({ authMode: 'off' });
    try {
      const open = await postInitialize(running.mcpUrl);
      assert.equal(open.status, 200);
      await open.body?.cancel();
      const localhost = running.mcpUrl.replace('127.0.0.1', 'localhost');
      const sameHostOrigin = await postInitialize(localhost, { Origin: new URL(localhost).origin });
      assert.equal(sameHostOrigin.status, 200);
      await sameHostOrigin.body?.cancel();
      const evil = await postInitialize(running.mcpUrl, { Origin: 'http://evil.example.com' });
      assert.equal(evil.status, 403);
    } finally {
      await running.close();
    }
  });

  it('is refused at start-up when clients would reach it under a non-loopback name (behind a proxy)', async () => {
    const { startTestGatehouse } = await import('../helpers/gatehouse.js');
    for (const [server, field] of [
      [{ publicUrl: 'https://mcp.example.com' }, 'server.publicUrl'],
      [{ allowedHosts: ['localhost', 'mcp.example.com'] }, 'server.allowedHosts'],
    ] as const) {
      await assert.rejects(startTestGatehouse({ authMode: 'off', server }), (error: Error) => {
        assert.equal(error.name, 'ConfigError');
        assert.ok(error.message.startsWith(`${field}: authMode "off" is allowed only on loopback`), error.message);
        return true;
      });
    }
    const local = await startTestGatehouse({ authMode: 'off', server: { allowedHosts: ['localhost', '[::1]'] } });
    await local.close();
  });
});
