import { Hono } from 'hono';
import type { AppDeps } from '../app/deps.js';
import { authorizationServers, guardFromConfig, type GuardOptions } from '../resource/guard-from-config.js';
import { metadataResponse, protectedResourceMetadata } from '../resource/metadata.js';
import { guardMcpHandler } from './guard-mcp.js';
import type { McpFetchHandler } from './handler.js';
import { SessionBindings } from './session-bindings.js';

/** `verifier` replaces the one built from `config.resource` (a foreign AS, tests). */
export type ResourceRoutesOptions = GuardOptions;

/**
 * The protected resource: its metadata (RFC 9728, path-inserted and root forms) and the guarded
 * MCP endpoint. With `authMode: "off"` the endpoint asks for no token but still checks Host and
 * Origin (DNS-rebinding protection stays on).
 */
export function resourceRoutes(deps: AppDeps, mcp: McpFetchHandler, options: ResourceRoutesOptions = {}): Hono {
  const app = new Hono();
  const document = protectedResourceMetadata({
    resource: deps.urls.mcp,
    authorizationServers: authorizationServers(deps),
    scopesSupported: deps.config.resource.scopesSupported,
    ...(deps.config.resource.resourceName && { resourceName: deps.config.resource.resourceName }),
  });
  const serveMetadata = (request: Request) => metadataResponse(document, request.method);
  for (const url of [deps.urls.resourceMetadata, deps.urls.resourceMetadataRoot]) {
    app.on(['GET', 'HEAD', 'OPTIONS'], new URL(url).pathname, (c) => serveMetadata(c.req.raw));
  }

  const guarded = guardMcpHandler(mcp, {
    guard: guardFromConfig(deps, options),
    sessions: new SessionBindings(deps.config.resource.maxSessions),
    logger: deps.logger,
    requireToken: deps.config.authMode !== 'off',
  });
  app.all(deps.config.server.mcpPath, (c) => guarded(c.req.raw));
  return app;
}
