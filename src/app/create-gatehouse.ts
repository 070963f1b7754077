import { Hono } from 'hono';
import type { Config } from '../config/schema.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ConnectionInfo, GatehouseEnv } from '../http/env.js';
import { oauthErrorResponse } from '../http/respond.js';
import { withSecurityHeaders } from '../http/security-headers.js';
import { createLogger, type Logger } from '../log/logger.js';
import type { McpFetchHandler } from '../mcp/handler.js';
import { resourceRoutes } from '../mcp/routes.js';
import type { Store } from '../store/contract.js';
import { createAuthorizationServer } from './authorization-server.js';
import type { AppDeps } from './deps.js';
import { serverUrls } from './urls.js';

export interface GatehouseOptions {
  config: Config;
  /** The origin clients reach this server at (`config.server.publicUrl`, or the bound address). */
  baseUrl: string;
  store: Store;
  /** The MCP server to guard at `config.server.mcpPath`. */
  mcp: McpFetchHandler;
  logger?: Logger;
  now?: () => number;
}

export interface Gatehouse {
  /** The whole server as one web-standard handler; `connection` comes from the edge adapter. */
  fetch(request: Request, connection?: ConnectionInfo): Promise<Response>;
  deps: AppDeps;
}

/**
 * The composition root: builds the shared deps once and mounts each room's routes. Each room
 * exports a function `(deps, …) => Hono` and knows nothing of the others' internals.
 */
export function createGatehouse(options: GatehouseOptions): Gatehouse {
  const deps: AppDeps = {
    config: options.config,
    store: options.store,
    logger: options.logger ?? createLogger(options.config.logLevel),
    urls: serverUrls(options.baseUrl, options.config.server.mcpPath),
    now: options.now ?? Date.now,
  };
  const app = new Hono<GatehouseEnv>();
  app.onError((error) => {
    if (error instanceof OAuthError) return oauthErrorResponse(error);
    deps.logger.error('unhandled_error', { message: error.message, stack: error.stack });
    return oauthErrorResponse(new OAuthError('server_error', 'The server hit an unexpected problem.'));
  });
  app.notFound(() => oauthErrorResponse(new OAuthError('not_found', 'No such endpoint.')));

  // --- rooms mount here (one line each) ---
  const authorizationServer = options.config.authorizationServer.enabled ? createAuthorizationServer(deps) : undefined;
  app.route('/', resourceRoutes(deps, authorizationServer?.upstream?.withToolAccess(options.mcp) ?? options.mcp, { ...(authorizationServer && { coHostedIssuer: authorizationServer.issuer }) }));
  if (authorizationServer) app.route('/', authorizationServer.routes);

  return {
    deps,
    fetch: async (request, connection = {}) => withSecurityHeaders(await app.fetch(request, connection)),
  };
}

