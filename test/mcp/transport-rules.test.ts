import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { challengeAttributes, mintJwt, postInitialize, postOnSession, signingKey, startGuarded, type SigningKey } from '../resource/helpers.js';

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'rules-test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const addNote = (id: number, meta?: object) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'notes_add', arguments: { text: 'smuggled' }, ...(meta && { _meta: meta }) },
});

/**
 * Rejection paths of the MCP transport behind the guard that a well-behaved SDK client never
 * takes: raw HTTP, so each asserts the exact status a hostile or broken client gets.
 */
describe('MCP transport rules behind the guard', () => {
  let key: SigningKey;
  let running: RunningGatehouse;
  let readOnly: string;
  before(async () => {
    key = await signingKey();
    running = await startGuarded(key);
    readOnly = await mintJwt(key, running.mcpUrl, { sub: 'reader', scope: 'notes:read' });
  });
  after(() => running.close());

  function modern(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(running.mcpUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': '2026-07-28',
        Authorization: `Bearer ${readOnly}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }

  async function openSession(token: string): Promise<string> {
    const init = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` });
    assert.equal(init.status, 200);
    await init.body?.cancel();
    const sessionId = init.headers.get('mcp-session-id')!;
    const ready = await postOnSession(running.mcpUrl, sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' }, { Authorization: `Bearer ${token}` });
    assert.equal(ready.status, 202);
    return sessionId;
  }

  for (const method of ['GET', 'DELETE']) {
    it(`${method} /mcp without a token: 401 with the challenge`, async () => {
      const response = await fetch(running.mcpUrl, { method, headers: { Accept: 'text/event-stream', 'MCP-Protocol-Version': '2025-11-25' } });
      assert.equal(response.status, 401);
      assert.ok(challengeAttributes(response.headers.get('www-authenticate')).resource_metadata);
    });
  }

  it('a JSON-RPC batch cannot smuggle a tool call past its scope (2025-11-25 session): 403', async () => {
    const sessionId = await openSession(readOnly);
    const batch = [{ jsonrpc: '2.0', id: 5, method: 'ping' }, addNote(6)];
    const response = await postOnSession(running.mcpUrl, sessionId, batch, { Authorization: `Bearer ${readOnly}` });
    assert.equal(response.status, 403);
    const attrs = challengeAttributes(response.headers.get('www-authenticate'));
    assert.equal(attrs.error, 'insufficient_scope');
    assert.equal(attrs.scope, 'notes:write notes:read');
  });

  it('2026-07-28 requests: batches are refused, and Mcp-Method/Mcp-Name must match the body (400)', async () => {
    assert.equal((await modern([addNote(1, MODERN_META)])).status, 400);
    for (const headers of [{}, { 'Mcp-Method': 'tools/list' }, { 'Mcp-Method': 'tools/call', 'Mcp-Name': 'whoami' }] as Record<string, string>[]) {
      const response = await modern(addNote(2, MODERN_META), headers);
      assert.equal(response.status, 400, JSON.stringify(headers));
      await response.body?.cancel();
    }
    const honest = await modern(addNote(3, MODERN_META), { 'Mcp-Method': 'tools/call', 'Mcp-Name': 'notes_add' });
    assert.equal(honest.status, 403);
    assert.equal(challengeAttributes(honest.headers.get('www-authenticate')).error, 'insufficient_scope');
  });

  it('an unsupported MCP-Protocol-Version gets 400 in both eras', async () => {
    const sessionId = await openSession(readOnly);
    const legacy = await postOnSession(running.mcpUrl, sessionId, { jsonrpc: '2.0', id: 7, method: 'ping' }, { Authorization: `Bearer ${readOnly}`, 'MCP-Protocol-Version': '1999-01-01' });
    assert.equal(legacy.status, 400);
    assert.match(await legacy.text(), /Unsupported protocol version: 1999-01-01/);
    const ping = { jsonrpc: '2.0', id: 8, method: 'ping', params: { _meta: { ...MODERN_META, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } } };
    const future = await modern(ping, { 'MCP-Protocol-Version': '2099-01-01', 'Mcp-Method': 'ping' });
    assert.equal(future.status, 400);
    assert.match(await future.text(), /Unsupported protocol version: 2099-01-01/);
  });

  it("another principal cannot stream, end or reuse a session, in either era: 403, and the owner's session lives on", async () => {
    const owner = await mintJwt(key, running.mcpUrl, { sub: 'owner', scope: 'notes:read' });
    const sessionId = await openSession(owner);
    const mallory = { Authorization: `Bearer ${readOnly}`, 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' };
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(running.mcpUrl, { method, headers: { ...mallory, Accept: 'text/event-stream' } });
      assert.equal(response.status, 403, method);
    }
    const whoami = { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'whoami', arguments: {}, _meta: MODERN_META } };
    const crossEra = await modern(whoami, { 'Mcp-Method': 'tools/call', 'Mcp-Name': 'whoami', 'Mcp-Session-Id': sessionId });
    assert.equal(crossEra.status, 403);
    const stillThere = await postOnSession(running.mcpUrl, sessionId, { jsonrpc: '2.0', id: 10, method: 'ping' }, { Authorization: `Bearer ${owner}` });
    assert.equal(stillThere.status, 200);
    await stillThere.body?.cancel();
  });
});
