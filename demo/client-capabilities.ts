import { CLIENT_CAPABILITIES_META_KEY } from '@modelcontextprotocol/server';
import type { ClientCapabilities, McpServer, ServerContext } from '@modelcontextprotocol/server';

/**
 * What the calling client can do, for this request. A 2026-07-28 request declares it in its own
 * `_meta` envelope; a 2025-era session declared it once, at `initialize`.
 */
export function clientCapabilities(server: McpServer, ctx: ServerContext): ClientCapabilities {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const declared = envelope?.[CLIENT_CAPABILITIES_META_KEY];
  if (declared !== null && typeof declared === 'object') return declared as ClientCapabilities;
  return server.server.getClientCapabilities() ?? {};
}

/** Form-mode elicitation: an empty `elicitation: {}` means form (the pre-mode rule); `{ url }` alone does not. */
export function supportsFormElicitation(capabilities: ClientCapabilities): boolean {
  const elicitation = capabilities.elicitation;
  if (elicitation === undefined) return false;
  return elicitation.form !== undefined || elicitation.url === undefined;
}
