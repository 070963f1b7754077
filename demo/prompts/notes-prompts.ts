import { requireScopes } from '@modelcontextprotocol/server';
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { DemoDeps } from '../deps.js';
import { MY_NOTES_URI, NOTES_READ_SCOPE } from '../notes-view.js';
import { principalOf } from '../principal.js';
import { myNotesJson } from '../resources/notes-resource.js';

/** `summarize_notes` (scope `notes:read`): a prompt that hands the model the caller's notes. */
export function registerNotesPrompts(server: McpServer, deps: DemoDeps): void {
  server.registerPrompt(
    'summarize_notes',
    {
      title: 'Summarize my notes',
      description: `Asks the model to summarize your notes (needs scope ${NOTES_READ_SCOPE}).`,
      argsSchema: z.object({ style: z.enum(['bullets', 'paragraph']).optional().describe('bullets (default) or paragraph') }),
      scopeChallenge: requireScopes(NOTES_READ_SCOPE),
    },
    async ({ style }, ctx) => {
      const { subject } = principalOf(ctx.http?.authInfo);
      const shape = style === 'paragraph' ? 'one short paragraph' : 'a few bullet points';
      return {
        description: `Summary of ${subject}'s notes`,
        messages: [
          {
            role: 'user',
            content: { type: 'resource', resource: { uri: MY_NOTES_URI, mimeType: 'application/json', text: await myNotesJson(deps, subject) } },
          },
          { role: 'user', content: { type: 'text', text: `Summarize the notes above in ${shape}. Say so plainly if there are none.` } },
        ],
      };
    },
  );
}
