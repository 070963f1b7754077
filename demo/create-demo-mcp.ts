import { createMcpHandler, isLegacyRequest } from '@modelcontextprotocol/server';
import type { McpHandlerRequestOptions } from '@modelcontextprotocol/server';
import type { McpFetchHandler } from '../src/mcp/handler.js';
import type { DemoDeps } from './deps.js';
import { createLegacySessions } from './legacy-sessions.js';
import type { LegacySessionOptions } from './legacy-sessions.js';
import { demoServerFactory } from './server-factory.js';

export interface DemoMcpOptions extends DemoDeps {
  /** Limits for 2025-11-25 sessions. */
  sessions?: LegacySessionOptions;
}

export interface DemoMcp extends McpFetchHandler {
  fetch(request: Request, options?: McpHandlerRequestOptions): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The demo MCP server as a web-standard handler, for both protocol revisions at one URL:
 * 2026-07-28 requests (per-request `_meta` envelope, no session) go to the SDK's stateless
 * `createMcpHandler`; 2025-era traffic goes to sessions (`Mcp-Session-Id`).
 *
 * It does no authentication and no Host/Origin checking of its own: whoever mounts it (the
 * Gatehouse guard) does both and passes the verified principal as `options.authInfo`.
 */
export function createDemoMcp(options: DemoMcpOptions): DemoMcp {
  const { store, logger } = options;
  const factory = demoServerFactory({ store, logger });
  const onerror = (error: Error) => logger.warn('demo.mcp_error', { message: error.message });
  const modern = createMcpHandler(factory, { legacy: 'reject', onerror });
  const legacy = createLegacySessions(factory, logger, options.sessions);

  return {
    async fetch(request, requestOptions) {
      if (await isLegacyRequest(request, requestOptions?.parsedBody)) return legacy.handle(request, requestOptions);
      return modern.fetch(request, requestOptions);
    },
    async close() {
      await Promise.all([modern.close(), legacy.close()]);
    },
  };
}
