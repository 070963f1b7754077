import { OAuthError } from '../errors/oauth-error.js';
import { isPreflight, preflightResponse, withCors, type CorsRules } from '../http/cors.js';
import { jsonResponse, oauthErrorResponse } from '../http/respond.js';
import type { Logger } from '../log/logger.js';
import type { Authenticated, ResourceGuard } from '../resource/guard.js';
import { toAuthInfo } from './auth-info.js';
import type { McpFetchHandler } from './handler.js';
import { logVerifierOutage } from './log-outage.js';
import { restateScopeChallenge } from './scope-challenge.js';
import type { SessionBindings } from './session-bindings.js';

export interface GuardMcpOptions {
  guard: ResourceGuard;
  sessions: SessionBindings;
  logger: Logger;
  /** `false` (authMode `off`): Host/Origin checks only, no token asked for. */
  requireToken?: boolean;
}

/** The transport's own answer to an unknown or ended session (Streamable HTTP: 404, client starts over). */
export function sessionNotFound(): Response {
  return jsonResponse({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }, { status: 404 });
}

function sessionRefused(logger: Logger, caller: Authenticated): OAuthError {
  logger.warn('mcp_session_principal_mismatch', { subject: caller.principal.subject, clientId: caller.principal.clientId });
  return new OAuthError('forbidden', 'This MCP session belongs to another principal.');
}

/**
 * Browser-based MCP clients (the Inspector's direct mode, web IDEs) call `/mcp` from their page,
 * only from origins the guard allows. They must read the 401 challenge (`resource_metadata`) and
 * the session id. Everything a browser client sends is listed: a missing one fails its preflight.
 */
const MCP_CORS: CorsRules = {
  methods: ['GET', 'POST', 'DELETE'],
  allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Mcp-Session-Id', 'Mcp-Protocol-Version', 'Mcp-Method', 'Mcp-Name', 'Last-Event-ID'],
  exposeHeaders: ['WWW-Authenticate', 'Mcp-Session-Id', 'Mcp-Protocol-Version'],
};

/**
 * Puts the guard in front of any web-standard MCP handler (`createMcpHandler(...)`, the demo, a
 * `WebStandardStreamableHTTPServerTransport` wrapper): Host/Origin → token → session binding →
 * handler with `authInfo` → the SDK's per-tool scope challenge in our form → session bookkeeping.
 * A page of an allowed origin gets CORS: its preflight is answered (no token: browsers never send
 * one there) and every answer, refusals included, is readable by it. Other origins get 403.
 */
export function guardMcpHandler(handler: McpFetchHandler, options: GuardMcpOptions): (request: Request) => Promise<Response> {
  const { guard, sessions, logger } = options;
  const requireToken = options.requireToken ?? true;

  async function serve(request: Request): Promise<Response> {
    if (!requireToken) return handler.fetch(request);
    const caller = await guard.authenticate(request.headers.get('authorization'));
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId !== null) {
      const bound = sessions.check(sessionId, caller.principal);
      if (bound === 'unknown') return sessionNotFound();
      if (bound === 'other-principal') throw sessionRefused(logger, caller);
    }
    const authInfo = toAuthInfo(caller, guard.resource, guard.challenge.resourceMetadata);
    const response = restateScopeChallenge(await handler.fetch(request, { authInfo }), caller.principal, guard.challenge);
    const created = response.headers.get('mcp-session-id');
    if (sessionId === null && created !== null && response.ok) sessions.bind(created, caller.principal);
    if (sessionId !== null && ((request.method === 'DELETE' && response.ok) || response.status === 404)) sessions.end(sessionId);
    return response;
  }

  function refusal(error: unknown): Response {
    if (error instanceof OAuthError) {
      logVerifierOutage(logger, error);
      return oauthErrorResponse(error);
    }
    logger.error('mcp_guard_error', { message: (error as Error).message });
    return oauthErrorResponse(new OAuthError('server_error', 'The server hit an unexpected problem.'));
  }

  async function answer(request: Request): Promise<Response> {
    try {
      return await serve(request);
    } catch (error) {
      return refusal(error);
    }
  }

  return async (request) => {
    const origin = request.headers.get('origin');
    try {
      guard.checkTransport(request.headers.get('host'), origin);
    } catch (error) {
      return refusal(error);
    }
    if (!origin) return answer(request);
    if (isPreflight(request)) return preflightResponse(MCP_CORS, origin);
    return withCors(await answer(request), MCP_CORS, origin);
  };
}
