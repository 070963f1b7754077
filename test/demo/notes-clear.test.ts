import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/client';
import { ERAS, connect, type Era } from './connect.js';
import { serveDemo, type ServedDemo } from './serve-demo.js';

const ALL = ['notes:read', 'notes:write'];

let demo: ServedDemo;
before(async () => (demo = await serveDemo()));
after(() => demo.close());

async function seed(subject: string, ...texts: string[]): Promise<void> {
  for (const [i, text] of texts.entries()) await demo.store.addNote({ id: `${subject}-${i}`, userId: subject, text, createdAt: Date.now() + i });
}

async function elicitingClient(era: Era, subject: string, answer: (request: ElicitRequest) => ElicitResult) {
  const asked: ElicitRequest[] = [];
  const connected = await connect(demo.url, era, { subject, scopes: ALL, capabilities: { elicitation: { form: {} } } });
  connected.client.setRequestHandler('elicitation/create', (request) => {
    asked.push(request);
    return answer(request);
  });
  return { ...connected, asked };
}

for (const era of ERAS) {
  describe(`notes_clear (${era} era)`, () => {
    test('asks for confirmation through elicitation and clears on "yes"', async (t) => {
      const subject = `erin-${era}`;
      await seed(subject, 'one', 'two');
      await seed(`frank-${era}`, 'not yours');
      const { client, asked, close } = await elicitingClient(era, subject, () => ({ action: 'accept', content: { confirm: true } }));
      t.after(close);

      const result = await client.callTool({ name: 'notes_clear' });
      assert.equal(asked.length, 1, 'the user was asked once');
      assert.match(asked[0]!.params.message, /Delete all of your notes/);
      assert.deepEqual(result.structuredContent, { subject, confirmed: true, deleted: 2, message: 'Deleted 2 note(s).' });
      assert.deepEqual(await demo.store.listNotes(subject), []);
      assert.equal((await demo.store.listNotes(`frank-${era}`)).length, 1, "another user's notes are untouched");
    });

    test('keeps the notes when the user declines', async (t) => {
      const subject = `gina-${era}`;
      await seed(subject, 'keep me');
      const { client, asked, close } = await elicitingClient(era, subject, () => ({ action: 'decline' }));
      t.after(close);

      const result = await client.callTool({ name: 'notes_clear' });
      assert.equal(asked.length, 1);
      assert.equal((result.structuredContent as { confirmed: boolean }).confirmed, false);
      assert.equal((await demo.store.listNotes(subject)).length, 1);
    });

    test('keeps the notes when the user accepts the form but leaves "confirm" unticked', async (t) => {
      const subject = `hank-${era}`;
      await seed(subject, 'keep me too');
      const { client, close } = await elicitingClient(era, subject, () => ({ action: 'accept', content: { confirm: false } }));
      t.after(close);

      await client.callTool({ name: 'notes_clear' });
      assert.equal((await demo.store.listNotes(subject)).length, 1);
    });

    test('without elicitation it deletes nothing and says how to confirm; confirm: true then clears', async (t) => {
      const subject = `ivy-${era}`;
      await seed(subject, 'a', 'b', 'c');
      const { client, close } = await connect(demo.url, era, { subject, scopes: ALL });
      t.after(close);

      const first = await client.callTool({ name: 'notes_clear' });
      const output = first.structuredContent as { confirmed: boolean; deleted: number; message: string };
      assert.equal(output.confirmed, false);
      assert.equal(output.deleted, 0);
      assert.match(output.message, /"confirm": true/);
      assert.equal((await demo.store.listNotes(subject)).length, 3);

      const second = await client.callTool({ name: 'notes_clear', arguments: { confirm: true } });
      assert.equal((second.structuredContent as { deleted: number }).deleted, 3);
      assert.deepEqual(await demo.store.listNotes(subject), []);
    });
  });
}
