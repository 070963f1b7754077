import { acceptedContent, inputRequired, inputResponse, requireScopes } from '@modelcontextprotocol/server';
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { presentTool } from '../tool-presentation.js';
import { clientCapabilities, supportsFormElicitation } from '../client-capabilities.js';
import type { DemoDeps } from '../deps.js';
import { MY_NOTES_URI, NOTES_WRITE_SCOPE } from '../notes-view.js';
import { principalOf } from '../principal.js';
import type { ResourceSubscriptions } from '../resources/subscriptions.js';

const Confirmation = z.object({ confirm: z.boolean().describe('Delete all of your notes?') });
const ClearOutput = z.object({
  subject: z.string(),
  confirmed: z.boolean(),
  deleted: z.number().int(),
  message: z.string(),
});

/**
 * `notes_clear` (scope `notes:write`): deletes the caller's notes only after a confirmation.
 * A client that can elicit is asked; one that cannot is told to call again with `confirm: true`.
 */
export function registerNotesClear(server: McpServer, deps: DemoDeps, subscriptions: ResourceSubscriptions): void {
  server.registerTool(
    'notes_clear',
    {
      description:
        `Deletes every note in your notebook (needs scope ${NOTES_WRITE_SCOPE}). Asks you to confirm; ` +
        'clients that cannot ask pass confirm: true instead.',
      inputSchema: z.object({ confirm: z.boolean().optional().describe('Skip the question: you already confirmed') }),
      outputSchema: ClearOutput,
      ...presentTool('Clear my notes', { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false }),
      scopeChallenge: requireScopes(NOTES_WRITE_SCOPE),
    },
    async ({ confirm }, ctx) => {
      const { subject } = principalOf(ctx.http?.authInfo);
      const clear = async (): Promise<CallToolResult> => {
        const deleted = await deps.store.clearNotes(subject);
        deps.logger.info('demo.notes_cleared', { subject, deleted });
        await subscriptions.changed(MY_NOTES_URI);
        return result({ subject, confirmed: true, deleted, message: `Deleted ${deleted} note(s).` });
      };
      if (confirm === true) return clear();

      const answer = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
      if (answer.kind === 'elicit') {
        if (acceptedContent(ctx.mcpReq.inputResponses, 'confirm', Confirmation)?.confirm === true) return clear();
        return result({ subject, confirmed: false, deleted: 0, message: 'Not confirmed: your notes were kept.' });
      }
      if (supportsFormElicitation(clientCapabilities(server, ctx))) {
        return inputRequired({
          inputRequests: {
            confirm: inputRequired.elicit({ message: 'Delete all of your notes? This cannot be undone.', requestedSchema: Confirmation }),
          },
        });
      }
      return result({
        subject,
        confirmed: false,
        deleted: 0,
        message: 'Nothing deleted: this client cannot show a confirmation. To delete all of your notes, call notes_clear again with {"confirm": true}.',
      });
    },
  );
}

function result(output: z.infer<typeof ClearOutput>): CallToolResult {
  return { content: [{ type: 'text', text: output.message }], structuredContent: output };
}
