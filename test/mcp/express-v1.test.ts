import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express from 'express';
import { createLocalJWKSet } from 'jose';
import { createLogger } from '../../src/log/logger.js';
import { expressMcpGuard } from '../../src/mcp/express.js';
import { SessionBindings } from '../../src/mcp/session-bindings.js';
import { createResourceGuard, type ResourceGuard } from '../../src/resource/guard.js';
import { jwtVerifier } from '../../src/resource/verifiers/jwt.js';
import { ISSUER, bearerClient, challengeAttributes, mintJwt, postInitialize, postOnSession, signingKey, type SigningKey } from '../resource/helpers.js';

/** An SDK v1 server whose tool echoes the `extra.authInfo` the v1 transport hands it. */
function v1Server(): McpServer {
  const server = new McpServer({ name: 'v1-behind-gatehouse', version: '1.0.0' });
  server.registerTool('whoami', { description: 'echo authInfo' }, async (extra) => ({
    content: [{ type: 'text', text: JSON.stringify({ clientId: extra.authInfo?.clientId, scopes: extra.authInfo?.scopes, extra: extra.authInfo?.extra, resource: String(extra.authInfo?.resource) }) }],
  }));
  return server;
}

describe('the guard in front of an SDK v1 Express server', () => {
  let key: SigningKey;
  let http: Server;
  let mcpUrl: string;
  let guard: ResourceGuard;

  before(async () => {
    key = await signingKey();
    const app = express();
    app.post('/mcp', express.json(), (req, res, next) => void expressMcpGuard({ guard, logger: createLogger('silent') })(req, res, next), async (req, res) => {
      const server = v1Server();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => void transport.close().then(() => server.close()));
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
    http = createServer(app);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    mcpUrl = `${base}/mcp`;
    guard = createResourceGuard({
      resource: mcpUrl,
      resourceMetadata: `${base}/.well-known/oauth-protected-resource/mcp`,
      scopesSupported: ['tools'],
      verifier: jwtVerifier({ issuer: ISSUER, audience: mcpUrl, keys: createLocalJWKSet({ keys: [key.publicJwk] }), algorithms: ['ES256'], clockToleranceSeconds: 30 }),
      allowedHostnames: ['127.0.0.1', 'localhost'],
      origins: { origins: [base], anyPortHostnames: [] },
    });
  });
  after(() => new Promise<void>((r) => http.close(() => r())));

  it('a v1 tool reads the principal from extra.authInfo', async () => {
    const token = await mintJwt(key, mcpUrl, { sub: 'carol', client_id: 'client-v1', scope: 'tools' });
    const { client, close } = await bearerClient(mcpUrl, token, 'legacy');
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      const seen = JSON.parse((result.content as Array<{ text: string }>)[0]!.text);
      assert.deepEqual(seen, { clientId: 'client-v1', scopes: ['tools'], extra: { subject: 'carol', kind: 'jwt' }, resource: mcpUrl });
    } finally {
      await close();
    }
  });

  it('answers the same challenges: 401 without a token, 401 for another audience, 403 for a bad Origin', async () => {
    const none = await postInitialize(mcpUrl);
    assert.equal(none.status, 401);
    assert.equal(challengeAttributes(none.headers.get('www-authenticate')).scope, 'tools');
    const other = await postInitialize(mcpUrl, { Authorization: `Bearer ${await mintJwt(key, 'https://elsewhere.example/mcp')}` });
    assert.equal(other.status, 401);
    assert.equal(challengeAttributes(other.headers.get('www-authenticate')).error, 'invalid_token');
    const evil = await postInitialize(mcpUrl, { Authorization: `Bearer ${await mintJwt(key, mcpUrl)}`, Origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
  });
});

describe('the Express guard binds v1 stateful sessions to their principal', () => {
  let key: SigningKey;
  let http: Server;
  let mcpUrl: string;
  const transports = new Map<string, StreamableHTTPServerTransport>();

  before(async () => {
    key = await signingKey();
    const app = express();
    const guardLater = (req: express.Request, res: express.Response, next: express.NextFunction) => void middleware(req, res, next);
    let middleware: ReturnType<typeof expressMcpGuard>;
    app.all('/mcp', express.json(), guardLater, async (req, res) => {
      const id = req.headers['mcp-session-id'];
      let transport = typeof id === 'string' ? transports.get(id) : undefined;
      if (!transport) {
        if (typeof id === 'string') return void res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
        const opened = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID(), onsessioninitialized: (sid) => void transports.set(sid, opened) });
        opened.onclose = () => void (opened.sessionId && transports.delete(opened.sessionId));
        await v1Server().connect(opened);
        transport = opened;
      }
      await transport.handleRequest(req, res, req.body);
    });
    http = createServer(app);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    mcpUrl = `${base}/mcp`;
    const guard = createResourceGuard({
      resource: mcpUrl,
      resourceMetadata: `${base}/.well-known/oauth-protected-resource/mcp`,
      scopesSupported: [],
      verifier: jwtVerifier({ issuer: ISSUER, audience: mcpUrl, keys: createLocalJWKSet({ keys: [key.publicJwk] }), algorithms: ['ES256'], clockToleranceSeconds: 30 }),
      allowedHostnames: ['127.0.0.1'],
      origins: { origins: [base], anyPortHostnames: [] },
    });
    middleware = expressMcpGuard({ guard, sessions: new SessionBindings(100), logger: createLogger('silent') });
  });
  after(async () => {
    await Promise.all([...transports.values()].map((t) => t.close()));
    await new Promise<void>((r) => http.close(() => r()));
  });

  it('another principal gets 403, an unknown session 404, and DELETE ends the binding', async () => {
    const alice = await mintJwt(key, mcpUrl, { sub: 'alice' });
    const mallory = await mintJwt(key, mcpUrl, { sub: 'mallory' });
    const init = await postInitialize(mcpUrl, { Authorization: `Bearer ${alice}` });
    assert.equal(init.status, 200);
    await init.body?.cancel();
    const sessionId = init.headers.get('mcp-session-id')!;
    assert.ok(sessionId);
    const ping = { jsonrpc: '2.0', id: 2, method: 'ping' };
    const hijack = await postOnSession(mcpUrl, sessionId, ping, { Authorization: `Bearer ${mallory}` });
    assert.equal(hijack.status, 403);
    const own = await postOnSession(mcpUrl, sessionId, ping, { Authorization: `Bearer ${alice}` });
    assert.equal(own.status, 200);
    await own.body?.cancel();
    assert.equal((await postOnSession(mcpUrl, 'no-such-session', ping, { Authorization: `Bearer ${alice}` })).status, 404);
    const end = await fetch(mcpUrl, { method: 'DELETE', headers: { Authorization: `Bearer ${alice}`, 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' } });
    assert.equal(end.status, 200);
    assert.equal((await postOnSession(mcpUrl, sessionId, ping, { Authorization: `Bearer ${alice}` })).status, 404);
  });
});
