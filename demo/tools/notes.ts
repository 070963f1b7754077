import { randomUUID } from 'node:crypto';
import { requireScopes } from '@modelcontextprotocol/server';
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { presentTool } from '../tool-presentation.js';
import type { DemoDeps } from '../deps.js';
import { MY_NOTES_URI, NOTES_READ_SCOPE, NOTES_WRITE_SCOPE, NoteView, noteView } from '../notes-view.js';
import { principalOf } from '../principal.js';
import type { ResourceSubscriptions } from '../resources/subscriptions.js';

const MAX_NOTE_LENGTH = 2000;

/** `notes_add` (scope `notes:write`) and `notes_list` (scope `notes:read`): one notebook per subject. */
export function registerNotesTools(server: McpServer, deps: DemoDeps, subscriptions: ResourceSubscriptions): void {
  server.registerTool(
    'notes_add',
    {
      description: `Saves a short note in your own notebook (needs scope ${NOTES_WRITE_SCOPE}).`,
      inputSchema: z.object({ text: z.string().trim().min(1).max(MAX_NOTE_LENGTH).describe('The note') }),
      outputSchema: z.object({ subject: z.string(), note: NoteView }),
      ...presentTool('Add a note', { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false }),
      scopeChallenge: requireScopes(NOTES_WRITE_SCOPE),
    },
    async ({ text }, ctx) => {
      const { subject } = principalOf(ctx.http?.authInfo);
      const note = { id: randomUUID(), userId: subject, text, createdAt: Date.now() };
      await deps.store.addNote(note);
      deps.logger.info('demo.note_added', { subject, noteId: note.id });
      await subscriptions.changed(MY_NOTES_URI);
      const output = { subject, note: noteView(note) };
      return { content: [{ type: 'text', text: `Saved note ${note.id}.` }], structuredContent: output };
    },
  );

  server.registerTool(
    'notes_list',
    {
      description: `Lists the notes in your own notebook, oldest first (needs scope ${NOTES_READ_SCOPE}).`,
      outputSchema: z.object({ subject: z.string(), count: z.number().int(), notes: z.array(NoteView) }),
      ...presentTool('List my notes', { readOnlyHint: true, idempotentHint: true, openWorldHint: false }),
      scopeChallenge: requireScopes(NOTES_READ_SCOPE),
    },
    async (ctx) => {
      const { subject } = principalOf(ctx.http?.authInfo);
      const notes = (await deps.store.listNotes(subject)).map(noteView);
      const text = notes.length === 0 ? 'You have no notes.' : notes.map((n) => `- ${n.text}`).join('\n');
      return { content: [{ type: 'text', text }], structuredContent: { subject, count: notes.length, notes } };
    },
  );
}
