import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import type { AuthInfo, McpHandlerRequestOptions, McpServer, McpServerFactory, Server } from '@modelcontextprotocol/server';
import { hashSecret } from '../src/crypto/hash.js';
import type { Logger } from '../src/log/logger.js';

export interface LegacySessionOptions {
  /** A session unused for this long is closed (its next request gets 404). Default 30 minutes. */
  idleMs?: number;
  /** At most this many open sessions; a new `initialize` past it gets 503. Default 1000. */
  maxSessions?: number;
  /**
   * At most this many open sessions per signed-in principal (subject + client); a new one past it
   * closes that principal's least recently used session. Default 50.
   */
  maxSessionsPerPrincipal?: number;
}

interface Session {
  server: McpServer | Server;
  transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
  /** The signed-in principal's key; none with auth off. */
  owner: string | undefined;
}

export interface LegacySessions {
  handle(request: Request, options?: McpHandlerRequestOptions): Promise<Response>;
  /** Open sessions right now (for diagnostics and tests). */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * 2025-11-25 serving with sessions: `initialize` creates a server instance and a stateful
 * transport kept under its `Mcp-Session-Id`; later requests reach that instance; an unknown,
 * expired or terminated id gets 404 (the client must start a new session); DELETE ends one.
 *
 * One principal cannot fill the global cap: past its own cap its least recently used session is
 * closed rather than the new one refused. Hosts that reconnect often (a reloaded page, a restarted
 * IDE) leave sessions behind without DELETE; refusing would lock the user out until those idled
 * out, while closing the oldest only ends a session that principal has most likely abandoned,
 * and never touches anyone else's. With auth off every caller is the same anonymous one, so only
 * the global cap applies (auth off is loopback-only).
 */
export function createLegacySessions(factory: McpServerFactory, logger: Logger, options: LegacySessionOptions = {}): LegacySessions {
  const idleMs = options.idleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 1000;
  const maxPerPrincipal = options.maxSessionsPerPrincipal ?? 50;
  const sessions = new Map<string, Session>();

  const sweeper = setInterval(() => void closeIdle(), Math.min(idleMs, 60_000));
  sweeper.unref();

  async function closeIdle(): Promise<void> {
    const cutoff = Date.now() - idleMs;
    for (const [id, session] of sessions) {
      if (session.lastSeen >= cutoff) continue;
      sessions.delete(id);
      logger.info('demo.session_expired', { session: logId(id) });
      await session.server.close();
    }
  }

  /** Keeps `owner` within its cap by closing its least recently used sessions. */
  async function evictBeyondCap(owner: string): Promise<void> {
    const owned = [...sessions].filter(([, session]) => session.owner === owner).sort(([, a], [, b]) => a.lastSeen - b.lastSeen);
    for (const [id, session] of owned.slice(0, Math.max(0, owned.length - maxPerPrincipal))) {
      sessions.delete(id);
      logger.info('demo.session_evicted', { session: logId(id) });
      await session.server.close();
    }
  }

  async function open(request: Request, requestOptions?: McpHandlerRequestOptions): Promise<Response> {
    if (sessions.size >= maxSessions) return jsonRpcError(503, -32000, 'Too many open sessions; try again later.');
    const server = await factory({ era: 'legacy', requestInfo: request, ...(requestOptions?.authInfo && { authInfo: requestOptions.authInfo }) });
    const owner = ownerOf(requestOptions?.authInfo);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: async (id) => {
        sessions.set(id, { server, transport, lastSeen: Date.now(), owner });
        logger.debug('demo.session_opened', { session: logId(id) });
        // Counted once the session exists, so concurrent initializes cannot slip past the cap.
        if (owner !== undefined) await evictBeyondCap(owner);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
        logger.debug('demo.session_closed', { session: logId(id) });
      },
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request, requestOptions);
    // Anything but a successful `initialize` (the transport answered 400) leaves no session behind.
    if (transport.sessionId === undefined) await server.close();
    return response;
  }

  return {
    async handle(request, requestOptions) {
      const sessionId = request.headers.get('mcp-session-id');
      if (sessionId === null) {
        if (request.method !== 'POST') return jsonRpcError(400, -32000, 'Bad Request: Mcp-Session-Id header is required');
        return open(request, requestOptions);
      }
      const session = sessions.get(sessionId);
      if (session === undefined) return jsonRpcError(404, -32001, 'Session not found');
      session.lastSeen = Date.now();
      return session.transport.handleRequest(request, requestOptions);
    },
    get size() {
      return sessions.size;
    },
    async close() {
      clearInterval(sweeper);
      const remaining = [...sessions.values()];
      sessions.clear();
      await Promise.all(remaining.map((session) => session.server.close()));
    },
  };
}

/** Subject + client: one user's sessions from one host. */
function ownerOf(authInfo: AuthInfo | undefined): string | undefined {
  const subject = authInfo?.extra?.['subject'];
  return typeof subject === 'string' ? JSON.stringify([subject, authInfo?.clientId]) : undefined;
}

/** Session ids let a caller holding the token resume a session: logs get a digest prefix only. */
function logId(id: string): string {
  return hashSecret(id).slice(0, 12);
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });
}
