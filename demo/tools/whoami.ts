import type { McpServer } from '@modelcontextprotocol/server';
import { presentTool } from '../tool-presentation.js';
import * as z from 'zod';
import { principalOf } from '../principal.js';

const WhoamiOutput = z.object({
  subject: z.string().describe('The user the token was issued to ("anonymous" when auth is off)'),
  authenticated: z.boolean().describe('False when Gatehouse runs with auth off'),
  clientId: z.string().optional().describe('The OAuth client that presented the token'),
  scopes: z.array(z.string()).describe('Scopes granted to the token'),
  resource: z.string().optional().describe('The resource (audience) the token is bound to'),
  expiresAt: z.string().optional().describe('When the token expires (ISO 8601)'),
});

/** `whoami`: shows the principal Gatehouse put on this request. Needs no scope. */
export function registerWhoami(server: McpServer): void {
  server.registerTool(
    'whoami',
    {
      description: 'Shows who this request acts as: subject, client, scopes, audience and token expiry.',
      outputSchema: WhoamiOutput,
      ...presentTool('Who am I?', { readOnlyHint: true, idempotentHint: true, openWorldHint: false }),
    },
    (ctx) => {
      const principal = principalOf(ctx.http?.authInfo);
      const output: z.infer<typeof WhoamiOutput> = {
        subject: principal.subject,
        authenticated: principal.authenticated,
        scopes: principal.scopes,
        ...(principal.clientId !== undefined && { clientId: principal.clientId }),
        ...(principal.resource !== undefined && { resource: principal.resource }),
        ...(principal.expiresAt !== undefined && { expiresAt: new Date(principal.expiresAt * 1000).toISOString() }),
      };
      const text = principal.authenticated
        ? `You are ${output.subject} via client ${output.clientId ?? '(unknown)'}; scopes: ${output.scopes.join(' ') || '(none)'}; audience: ${output.resource ?? '(unbound)'}; expires: ${output.expiresAt ?? '(no expiry)'}.`
        : `Auth is off: every caller is the shared "${output.subject}" subject, with no scopes and no token.`;
      return { content: [{ type: 'text', text }], structuredContent: output };
    },
  );
}
