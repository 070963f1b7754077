import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ANONYMOUS_SUBJECT, MY_NOTES_URI } from '../../demo/index.js';
import { ERAS, connect, firstText } from './connect.js';
import { serveDemo, type ServedDemo } from './serve-demo.js';

const ALL = ['notes:read', 'notes:write'];

let demo: ServedDemo;
before(async () => (demo = await serveDemo()));
after(() => demo.close());

for (const era of ERAS) {
  describe(`notes (${era} era)`, () => {
    test('each user sees only their own notes, in tools, the notes://me resource and the prompt', async (t) => {
      const alice = await connect(demo.url, era, { subject: `alice-${era}`, scopes: ALL });
      const bob = await connect(demo.url, era, { subject: `bob-${era}`, scopes: ALL });
      t.after(async () => Promise.all([alice.close(), bob.close()]));

      const added = await alice.client.callTool({ name: 'notes_add', arguments: { text: 'buy milk' } });
      assert.equal((added.structuredContent as { note: { text: string } }).note.text, 'buy milk');
      await bob.client.callTool({ name: 'notes_add', arguments: { text: "bob's secret" } });

      const aliceList = (await alice.client.callTool({ name: 'notes_list' })).structuredContent as { count: number; notes: Array<{ text: string }> };
      assert.deepEqual(aliceList.notes.map((n) => n.text), ['buy milk']);
      const bobList = (await bob.client.callTool({ name: 'notes_list' })).structuredContent as { notes: Array<{ text: string }> };
      assert.deepEqual(bobList.notes.map((n) => n.text), ["bob's secret"]);

      const resource = await alice.client.readResource({ uri: MY_NOTES_URI });
      const body = JSON.parse((resource.contents[0] as { text: string }).text) as { subject: string; notes: Array<{ text: string }> };
      assert.equal(body.subject, `alice-${era}`);
      assert.deepEqual(body.notes.map((n) => n.text), ['buy milk']);

      const prompt = await bob.client.getPrompt({ name: 'summarize_notes', arguments: { style: 'paragraph' } });
      const promptText = JSON.stringify(prompt.messages);
      assert.match(promptText, /bob's secret/);
      assert.doesNotMatch(promptText, /buy milk/);
      assert.match(promptText, /one short paragraph/);

      // What the store holds is keyed by the subject, not by anything the client chose.
      assert.deepEqual((await demo.store.listNotes(`alice-${era}`)).map((n) => n.text), ['buy milk']);
    });

    test('notes_add needs notes:write and notes_list needs notes:read (SDK scope challenge, 403 before the tool runs)', async (t) => {
      const reader = await connect(demo.url, era, { subject: `carol-${era}`, scopes: ['notes:read'] });
      const writer = await connect(demo.url, era, { subject: `carol-${era}`, scopes: ['notes:write'] });
      t.after(async () => Promise.all([reader.close(), writer.close()]));

      await assert.rejects(reader.client.callTool({ name: 'notes_add', arguments: { text: 'nope' } }), { name: 'InsufficientScopeError', message: /required "notes:write"/ });
      await assert.rejects(writer.client.callTool({ name: 'notes_list' }), { name: 'InsufficientScopeError', message: /required "notes:read"/ });
      await assert.rejects(writer.client.readResource({ uri: MY_NOTES_URI }), { name: 'InsufficientScopeError', message: /required "notes:read"/ });
      assert.deepEqual(await demo.store.listNotes(`carol-${era}`), [], 'the refused write stored nothing');
      // The granted half works.
      await writer.client.callTool({ name: 'notes_add', arguments: { text: 'allowed' } });
      assert.equal(((await reader.client.callTool({ name: 'notes_list' })).structuredContent as { count: number }).count, 1);
    });

    test('a token without a subject gets a tool error, never a shared notebook', async (t) => {
      const { client, close } = await connect(demo.url, era, { subject: '', scopes: ALL });
      t.after(close);
      const result = await client.callTool({ name: 'notes_list' });
      assert.equal(result.isError, true);
      assert.match(firstText(result), /no subject/);
    });

    test('with auth off every caller shares the anonymous notebook and no scope is asked', async (t) => {
      const { client, close } = await connect(demo.url, era);
      t.after(close);
      await client.callTool({ name: 'notes_add', arguments: { text: `anon-${era}` } });
      const list = (await client.callTool({ name: 'notes_list' })).structuredContent as { subject: string; notes: Array<{ text: string }> };
      assert.equal(list.subject, ANONYMOUS_SUBJECT);
      assert.ok(list.notes.some((n) => n.text === `anon-${era}`));
    });

    test('refuses an empty note with a clear error', async (t) => {
      const { client, close } = await connect(demo.url, era, { subject: `dave-${era}`, scopes: ALL });
      t.after(close);
      const result = await client.callTool({ name: 'notes_add', arguments: { text: '   ' } });
      assert.equal(result.isError, true);
      assert.match(firstText(result), /text/i);
    });
  });
}
