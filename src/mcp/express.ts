import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/server';
import { OAuthError } from '../errors/oauth-error.js';
import type { Logger } from '../log/logger.js';
import type { ResourceGuard } from '../resource/guard.js';
import { toAuthInfo } from './auth-info.js';
import { sessionNotFound } from './guard-mcp.js';
import { logVerifierOutage } from './log-outage.js';
import type { SessionBindings } from './session-bindings.js';

export interface ExpressGuardOptions {
  guard: ResourceGuard;
  /** Bind `Mcp-Session-Id` sessions to their principal (stateful transports). */
  sessions?: SessionBindings;
  logger: Logger;
}

type Next = (error?: unknown) => void;
type GuardedRequest = IncomingMessage & { auth?: AuthInfo };

function header(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
}

function sendError(res: ServerResponse, error: OAuthError): void {
  res.writeHead(error.status, { ...error.headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(error.toJSON()));
}

/** Calls `onHeaders(status, sessionId)` just before the response head is written. */
function beforeHead(res: ServerResponse, onHeaders: (status: number, created: string | null) => void): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = rest.find((a): a is OutgoingHttpHeaders => typeof a === 'object' && a !== null && !Array.isArray(a));
    const fromArg = headers && Object.entries(headers).find(([k]) => k.toLowerCase() === 'mcp-session-id')?.[1];
    const created = fromArg ?? res.getHeader('mcp-session-id');
    onHeaders(status, created === undefined ? null : String(created));
    return writeHead.call(this, status, ...(rest as [])) as ServerResponse;
  } as typeof res.writeHead;
}

/**
 * The same guard as Express (or plain `node:http`) middleware, for MCP servers on SDK v1
 * (`@modelcontextprotocol/sdk`): it runs the checks, then sets `req.auth`, which v1's
 * `StreamableHTTPServerTransport.handleRequest(req, res)` hands to tools as `extra.authInfo`.
 * Mount it on the MCP route before the handler that calls `transport.handleRequest`.
 */
export function expressMcpGuard(options: ExpressGuardOptions): (req: GuardedRequest, res: ServerResponse, next: Next) => Promise<void> {
  const { guard, sessions, logger } = options;
  return async (req, res, next) => {
    try {
      guard.checkTransport(header(req.headers.host), header(req.headers.origin));
      const caller = await guard.authenticate(header(req.headers.authorization));
      const sessionId = header(req.headers['mcp-session-id']);
      if (sessions && sessionId !== null) {
        const bound = sessions.check(sessionId, caller.principal);
        if (bound === 'unknown') return await send(res, sessionNotFound());
        if (bound === 'other-principal') {
          logger.warn('mcp_session_principal_mismatch', { subject: caller.principal.subject, clientId: caller.principal.clientId });
          throw new OAuthError('forbidden', 'This MCP session belongs to another principal.');
        }
      }
      if (sessions) {
        beforeHead(res, (status, created) => {
          const ok = status >= 200 && status < 300;
          if (sessionId === null && created !== null && ok) sessions.bind(created, caller.principal);
          if (sessionId !== null && ((req.method === 'DELETE' && ok) || status === 404)) sessions.end(sessionId);
        });
      }
      req.auth = toAuthInfo(caller, guard.resource, guard.challenge.resourceMetadata);
      next();
    } catch (error) {
      if (error instanceof OAuthError) {
        logVerifierOutage(logger, error);
        return sendError(res, error);
      }
      next(error);
    }
  };
}
