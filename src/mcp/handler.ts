import type { AuthInfo } from '@modelcontextprotocol/server';

/**
 * The shape of an MCP server Gatehouse can guard: a web-standard handler that takes the
 * principal as the SDK's `authInfo` (it never reads tokens itself). `createMcpHandler(...)` from
 * the SDK v2 has this shape; the demo's handler too.
 */
export interface McpFetchHandler {
  fetch(request: Request, options?: { authInfo?: AuthInfo; parsedBody?: unknown }): Promise<Response>;
  close?(): Promise<void>;
}
