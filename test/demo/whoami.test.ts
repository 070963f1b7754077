import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ANONYMOUS_SUBJECT } from '../../demo/index.js';
import { ERAS, connect, firstText } from './connect.js';
import { TEST_RESOURCE, serveDemo, type ServedDemo } from './serve-demo.js';

let demo: ServedDemo;
before(async () => (demo = await serveDemo()));
after(() => demo.close());

for (const era of ERAS) {
  describe(`whoami (${era} era)`, () => {
    test('reports the principal the guard put on the request', async (t) => {
      const { client, close } = await connect(demo.url, era, { subject: 'alice', scopes: ['notes:read', 'mcp'] });
      t.after(close);
      const result = await client.callTool({ name: 'whoami' });
      const output = result.structuredContent as Record<string, unknown>;
      assert.equal(output.subject, 'alice');
      assert.equal(output.authenticated, true);
      assert.equal(output.clientId, 'test-client');
      assert.deepEqual(output.scopes, ['notes:read', 'mcp']);
      assert.equal(output.resource, TEST_RESOURCE);
      assert.ok(Date.parse(String(output.expiresAt)) > Date.now(), 'expiry is in the future');
      assert.match(firstText(result), /alice/);
    });

    test('says plainly when auth is off: the shared anonymous subject', async (t) => {
      const { client, close } = await connect(demo.url, era);
      t.after(close);
      const result = await client.callTool({ name: 'whoami' });
      assert.deepEqual(result.structuredContent, { subject: ANONYMOUS_SUBJECT, authenticated: false, scopes: [] });
      assert.match(firstText(result), /Auth is off/);
    });
  });
}
