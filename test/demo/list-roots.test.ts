import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ERAS, connect, firstText } from './connect.js';
import { serveDemo, type ServedDemo } from './serve-demo.js';

let demo: ServedDemo;
before(async () => (demo = await serveDemo()));
after(() => demo.close());

for (const era of ERAS) {
  describe(`list_roots (${era} era)`, () => {
    test("lists the client's roots when it offers them", async (t) => {
      const { client, close } = await connect(demo.url, era, { capabilities: { roots: {} } });
      t.after(close);
      let asked = 0;
      client.setRequestHandler('roots/list', () => {
        asked++;
        return { roots: [{ uri: 'file:///home/user/project', name: 'project' }, { uri: 'file:///tmp/scratch' }] };
      });

      const result = await client.callTool({ name: 'list_roots' });
      assert.equal(asked, 1);
      assert.deepEqual(result.structuredContent, {
        supported: true,
        roots: [{ uri: 'file:///home/user/project', name: 'project' }, { uri: 'file:///tmp/scratch' }],
      });
      assert.match(firstText(result), /project \(file:\/\/\/home\/user\/project\)/);
    });

    test('says clearly that a client without the roots capability has none to list', async (t) => {
      const { client, close } = await connect(demo.url, era);
      t.after(close);
      const result = await client.callTool({ name: 'list_roots' });
      assert.equal(result.isError, undefined);
      assert.deepEqual(result.structuredContent, { supported: false, roots: [] });
      assert.match(firstText(result), /does not offer roots/);
    });
  });
}
