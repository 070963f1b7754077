import { requireScopes } from '@modelcontextprotocol/server';
import type { McpServer } from '@modelcontextprotocol/server';
import type { DemoDeps } from '../deps.js';
import { MY_NOTES_URI, NOTES_READ_SCOPE, noteView } from '../notes-view.js';
import { principalOf } from '../principal.js';

/** Reads the caller's notebook as JSON: the body of `notes://me` and of the `summarize_notes` prompt. */
export async function myNotesJson(deps: DemoDeps, subject: string): Promise<string> {
  const notes = (await deps.store.listNotes(subject)).map(noteView);
  return JSON.stringify({ subject, notes });
}

/** `notes://me` (scope `notes:read`): the caller's own notes; subscribable on 2025 sessions. */
export function registerNotesResource(server: McpServer, deps: DemoDeps): void {
  server.registerResource(
    'my-notes',
    MY_NOTES_URI,
    {
      title: 'My notes',
      description: `Your own notes as JSON (needs scope ${NOTES_READ_SCOPE}).`,
      mimeType: 'application/json',
      scopeChallenge: requireScopes(NOTES_READ_SCOPE),
    },
    async (uri, ctx) => {
      const { subject } = principalOf(ctx.http?.authInfo);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: await myNotesJson(deps, subject) }] };
    },
  );
}
