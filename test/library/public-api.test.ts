import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler, McpServer, requireScopes } from '@modelcontextprotocol/server';
import { createLocalJWKSet } from 'jose';
import { z } from 'zod';
import {
  cachedVerifier,
  createLogger,
  createResourceGuard,
  guardMcpHandler,
  jwtVerifier,
  metadataResponse,
  protectedResourceMetadata,
  SessionBindings,
} from '../../src/index.js';
import { ISSUER, mintJwt, signingKey } from '../resource/helpers.js';

/**
 * The library use shown in docs/guard.md, through the package's public entry point: the guard in
 * front of someone else's SDK v2 server, with tokens from a foreign authorization server.
 */
test('the public API guards a foreign SDK v2 server: per-tool scopes, authInfo, metadata', async (t) => {
  const key = await signingKey();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mcpUrl = `${origin}/mcp`;
  const metadataUrl = `${origin}/.well-known/oauth-protected-resource/mcp`;

  const factory = () => {
    const mcp = new McpServer({ name: 'files', version: '1.0.0' });
    mcp.registerTool(
      'read_file',
      { inputSchema: z.object({ path: z.string() }), scopeChallenge: requireScopes('files:read') },
      async ({ path }, ctx) => ({ content: [{ type: 'text', text: `${ctx.http?.authInfo?.extra?.subject} read ${path}` }] }),
    );
    return mcp;
  };
  const guard = createResourceGuard({
    resource: mcpUrl,
    resourceMetadata: metadataUrl,
    scopesSupported: ['files:read'],
    verifier: cachedVerifier(
      jwtVerifier({ issuer: ISSUER, audience: mcpUrl, keys: createLocalJWKSet({ keys: [key.publicJwk] }), algorithms: ['ES256'], clockToleranceSeconds: 30 }),
      { maxEntries: 100 },
    ),
    allowedHostnames: ['127.0.0.1'],
    origins: { origins: [origin], anyPortHostnames: [] },
  });
  const guarded = guardMcpHandler(createMcpHandler(factory), { guard, sessions: new SessionBindings(100), logger: createLogger('silent') });
  const document = protectedResourceMetadata({ resource: mcpUrl, authorizationServers: [ISSUER], scopesSupported: ['files:read'] });
  server.on('request', getRequestListener((request) => (new URL(request.url).pathname === '/mcp' ? guarded(request) : metadataResponse(document, request.method))));

  const unauthenticated = await fetch(mcpUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(unauthenticated.status, 401);
  assert.equal(unauthenticated.headers.get('www-authenticate'), `Bearer resource_metadata="${metadataUrl}", scope="files:read"`);
  assert.equal((await (await fetch(metadataUrl)).json()).resource, mcpUrl);

  const connect = async (scope: string) => {
    const token = await mintJwt(key, mcpUrl, { scope, sub: 'carol' });
    const client = new Client({ name: 'library-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    t.after(() => client.close());
    return client;
  };
  const reader = await connect('files:read');
  const result = await reader.callTool({ name: 'read_file', arguments: { path: '/etc/motd' } });
  assert.deepEqual(result.content, [{ type: 'text', text: 'carol read /etc/motd' }]);

  const noScope = await connect('other:scope');
  await assert.rejects(noScope.callTool({ name: 'read_file', arguments: { path: '/x' } }), /403|insufficient_scope|files:read/);
});
