import { inputRequired, inputResponse } from '@modelcontextprotocol/server';
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { presentTool } from '../tool-presentation.js';
import { clientCapabilities } from '../client-capabilities.js';

const ListRootsOutput = z.object({
  supported: z.boolean().describe('Whether the client offers roots at all'),
  roots: z.array(z.object({ uri: z.string(), name: z.string().optional() })),
});

/** `list_roots`: asks the client for its roots when it offers the capability, and says so when it does not. */
export function registerListRoots(server: McpServer): void {
  server.registerTool(
    'list_roots',
    {
      description: 'Lists the roots (directories, projects) your client shares with this server, if it shares any.',
      outputSchema: ListRootsOutput,
      ...presentTool('List client roots', { readOnlyHint: true, idempotentHint: true, openWorldHint: false }),
    },
    (ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'roots');
      if (answer.kind === 'roots') {
        const roots = answer.roots.map((root) => ({ uri: root.uri, ...(root.name !== undefined && { name: root.name }) }));
        const text = roots.length === 0 ? 'Your client shares no roots.' : roots.map((r) => `- ${r.name ?? r.uri} (${r.uri})`).join('\n');
        return result(text, { supported: true, roots });
      }
      if (clientCapabilities(server, ctx).roots === undefined) {
        return result('Your client does not offer roots (it declared no `roots` capability), so there is nothing to list.', {
          supported: false,
          roots: [],
        });
      }
      return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
    },
  );
}

function result(text: string, output: z.infer<typeof ListRootsOutput>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: output };
}
