import { createAdaptorServer } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { AddressInfo } from 'node:net';
import { ServerResponse, type OutgoingHttpHeaders, type Server } from 'node:http';
import { TextResponse } from './text-response.js';
import type { ConnectionInfo } from './env.js';

export type FetchWithConnection = (request: Request, connection: ConnectionInfo) => Promise<Response>;

export interface NodeListener {
  server: Server;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Swaps the handler: the server can listen before the app that needs its port exists. */
  setHandler(handler: FetchWithConnection): void;
  close(): Promise<void>;
}

const notReady: FetchWithConnection = async () =>
  new Response('{"error":"temporarily_unavailable","error_description":"starting"}', {
    status: 503,
    headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
  });

/**
 * Serves a web-standard handler on Node's HTTP server via @hono/node-server, passing the socket's
 * peer address along. It does not replace the global `Request`/`Response` (the adapter's default):
 * a library must not change globals under its host application. An unread `TextResponse` (our
 * JSON answers) is written to the socket as its string, without a web stream in between.
 */
export async function listenNode(host: string, port: number): Promise<NodeListener> {
  let handler = notReady;
  const server = createAdaptorServer({
    overrideGlobalObjects: false,
    fetch: async (request, env) => {
      const incoming = 'incoming' in env ? env.incoming : undefined;
      const response = await handler(request, { remoteAddress: incoming?.socket.remoteAddress });
      const text = TextResponse.unreadText(response);
      if (text === undefined || !('outgoing' in env) || !(env.outgoing instanceof ServerResponse)) return response;
      writeText(env.outgoing, response, text);
      return RESPONSE_ALREADY_SENT;
    },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    setHandler(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** An unread `TextResponse`, written as is: its string never becomes a web stream (text-response.ts). */
function writeText(outgoing: ServerResponse, response: Response, text: string): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  headers['content-length'] = Buffer.byteLength(text);
  outgoing.writeHead(response.status, response.statusText || undefined, headers);
  outgoing.end(text);
}
