import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_INSTRUCTIONS } from '../../demo/index.js';
import { ERAS, connect } from './connect.js';
import { serveDemo, type ServedDemo } from './serve-demo.js';

let demo: ServedDemo;
before(async () => (demo = await serveDemo()));
after(() => demo.close());

for (const era of ERAS) {
  describe(`tools/list (${era} era)`, () => {
    test('offers the real tools with annotations and output schemas, and the conformance tools', async (t) => {
      const { client, transport, close } = await connect(demo.url, era);
      t.after(close);
      // Only the 2025 era keeps a session.
      assert.equal(transport.sessionId !== undefined, era === 'legacy');
      assert.equal(client.getInstructions(), DEMO_INSTRUCTIONS);

      const { tools } = await client.listTools();
      const byName = new Map(tools.map((tool) => [tool.name, tool]));
      for (const name of ['whoami', 'notes_add', 'notes_list', 'notes_clear', 'countdown', 'list_roots', 'test_simple_text', 'test_elicitation']) {
        assert.ok(byName.has(name), `${name} is listed`);
      }
      for (const tool of tools) {
        assert.ok(tool.description, `${tool.name} has a description`);
        assert.equal(tool.inputSchema.type, 'object', `${tool.name} has an object input schema`);
      }

      assert.equal(byName.get('notes_list')?.annotations?.readOnlyHint, true);
      assert.equal(byName.get('notes_clear')?.annotations?.destructiveHint, true);
      assert.equal(byName.get('notes_add')?.annotations?.readOnlyHint, false);
      assert.equal(byName.get('whoami')?.title, 'Who am I?');
      assert.equal(byName.get('whoami')?.annotations?.title, 'Who am I?');
      for (const name of ['whoami', 'notes_add', 'notes_list', 'notes_clear', 'countdown', 'list_roots']) {
        assert.equal(byName.get(name)?.outputSchema?.type, 'object', `${name} declares an output schema`);
      }
      // Scopes are declared where the tools are registered and show in their descriptions.
      assert.match(byName.get('notes_add')?.description ?? '', /notes:write/);
      assert.match(byName.get('notes_list')?.description ?? '', /notes:read/);
    });
  });
}
