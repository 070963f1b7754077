import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { MY_NOTES_URI } from '../../demo/index.js';
import { hashSecret } from '../../src/crypto/hash.js';
import { connect } from './connect.js';
import { serveDemo, TEST_SUBJECT_HEADER, type ServedDemo } from './serve-demo.js';

const LEGACY_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};

function post(url: string, body: unknown, sessionId?: string, subject?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...LEGACY_HEADERS, ...(sessionId !== undefined && { 'mcp-session-id': sessionId }), ...(subject !== undefined && { [TEST_SUBJECT_HEADER]: subject }) },
    body: JSON.stringify(body),
  });
}

const toolsList = { jsonrpc: '2.0', id: 7, method: 'tools/list', params: {} };
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

async function assertSessionNotFound(response: Response): Promise<void> {
  assert.equal(response.status, 404);
  const body = (await response.json()) as { error: { code: number; message: string } };
  assert.equal(body.error.code, -32001);
  assert.match(body.error.message, /Session not found/);
}

describe('2025-11-25 sessions', () => {
  let demo: ServedDemo;
  before(async () => (demo = await serveDemo()));
  after(() => demo.close());

  test('DELETE terminates a session; its id then gets 404', async () => {
    const { transport, client } = await connect(demo.url, 'legacy');
    const sessionId = transport.sessionId;
    assert.ok(sessionId, 'initialize issued an Mcp-Session-Id');
    assert.equal((await post(demo.url, toolsList, sessionId)).status, 200, 'the session works before DELETE');

    await transport.terminateSession();
    await assertSessionNotFound(await post(demo.url, toolsList, sessionId));
    await assertSessionNotFound(await fetch(demo.url, { method: 'GET', headers: { ...LEGACY_HEADERS, 'mcp-session-id': sessionId } }));
    await assertSessionNotFound(await fetch(demo.url, { method: 'DELETE', headers: { ...LEGACY_HEADERS, 'mcp-session-id': sessionId } }));
    await client.close();
  });

  test('an unknown session id gets 404, for every method', async () => {
    const unknown = '3f1c1f5e-0000-4000-8000-000000000000';
    await assertSessionNotFound(await post(demo.url, toolsList, unknown));
    await assertSessionNotFound(await fetch(demo.url, { method: 'GET', headers: { ...LEGACY_HEADERS, 'mcp-session-id': unknown } }));
    await assertSessionNotFound(await fetch(demo.url, { method: 'DELETE', headers: { ...LEGACY_HEADERS, 'mcp-session-id': unknown } }));
  });

  test('only initialize may start a session: other requests without a session id get 400', async () => {
    assert.equal((await post(demo.url, toolsList)).status, 400);
    const get = await fetch(demo.url, { method: 'GET', headers: LEGACY_HEADERS });
    assert.equal(get.status, 400);
    assert.match(((await get.json()) as { error: { message: string } }).error.message, /Mcp-Session-Id header is required/);
  });

  test('a session hears about changes to notes://me once it subscribed', async (t) => {
    const { client, close } = await connect(demo.url, 'legacy', { subject: 'jane', scopes: ['notes:read', 'notes:write'] });
    t.after(close);
    const updates: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (n) => void updates.push(n.params.uri));

    await client.callTool({ name: 'notes_add', arguments: { text: 'before subscribing' } });
    await client.subscribeResource({ uri: MY_NOTES_URI });
    await client.callTool({ name: 'notes_add', arguments: { text: 'after subscribing' } });
    await client.unsubscribeResource({ uri: MY_NOTES_URI });
    await client.callTool({ name: 'notes_add', arguments: { text: 'after unsubscribing' } });
    assert.deepEqual(updates, [MY_NOTES_URI]);
  });
});

describe('2025-11-25 session limits', () => {
  test('a session idle past idleMs is closed and its id gets 404', async (t) => {
    const demo = await serveDemo({ sessions: { idleMs: 100 } });
    t.after(() => demo.close());
    const opened = await post(demo.url, initialize);
    const sessionId = opened.headers.get('mcp-session-id');
    await opened.body?.cancel();
    assert.ok(sessionId);

    // Any request would count as use and keep the session alive, so watch the log instead.
    const deadline = Date.now() + 3000;
    while (!demo.logs.some((l) => l.event === 'demo.session_expired' && l.session === hashSecret(sessionId).slice(0, 12))) {
      assert.ok(Date.now() < deadline, 'the idle session expired within 3 s');
      await sleep(25);
    }
    await assertSessionNotFound(await post(demo.url, toolsList, sessionId));
  });

  test('past maxSessions a new initialize gets 503, and a freed slot can be used again', async (t) => {
    const demo = await serveDemo({ sessions: { maxSessions: 1 } });
    t.after(() => demo.close());
    const first = await connect(demo.url, 'legacy');
    const refused = await post(demo.url, initialize);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('mcp-session-id'), null);

    await first.transport.terminateSession();
    const accepted = await post(demo.url, initialize);
    assert.equal(accepted.status, 200);
    assert.ok(accepted.headers.get('mcp-session-id'));
    await accepted.body?.cancel();
  });

  test('past its own cap a principal loses its least recently used session; others keep theirs and the global cap stays', async (t) => {
    const demo = await serveDemo({ sessions: { maxSessions: 3, maxSessionsPerPrincipal: 2 } });
    t.after(() => demo.close());
    const open = async (subject: string) => {
      const response = await post(demo.url, initialize, undefined, subject);
      assert.equal(response.status, 200);
      await response.body?.cancel();
      return response.headers.get('mcp-session-id')!;
    };
    const works = async (sessionId: string, subject: string) => {
      const response = await post(demo.url, toolsList, sessionId, subject);
      await response.body?.cancel();
      return response.status === 200;
    };

    const first = await open('alice');
    const second = await open('alice');
    await sleep(5);
    assert.ok(await works(first, 'alice'), 'using the first session makes the second the least recently used');
    const third = await open('alice');
    await assertSessionNotFound(await post(demo.url, toolsList, second, 'alice'));
    assert.ok(await works(first, 'alice'));
    assert.ok(await works(third, 'alice'));
    assert.equal(demo.logs.filter((l) => l.event === 'demo.session_evicted').length, 1);

    // Alice holds 2 of 3: Bob still gets one, and past the global cap the next is refused.
    const bobs = await open('bob');
    assert.ok(await works(bobs, 'bob'));
    const refused = await post(demo.url, initialize, undefined, 'carol');
    assert.equal(refused.status, 503);
    await refused.body?.cancel();

    // Session ids never reach the log, only a digest prefix.
    const logged = JSON.stringify(demo.logs);
    for (const id of [first, second, third, bobs]) assert.ok(!logged.includes(id), 'no session id in the log');
    assert.ok(demo.logs.some((l) => l.event === 'demo.session_evicted' && l.session === hashSecret(second).slice(0, 12)));
  });
});
