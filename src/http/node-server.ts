import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
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
 * a library must not change globals under its host application.
 */
export async function listenNode(host: string, port: number): Promise<NodeListener> {
  let handler = notReady;
  const server = createAdaptorServer({
    overrideGlobalObjects: false,
    fetch: (request, env) => {
      const incoming = 'incoming' in env ? env.incoming : undefined;
      return handler(request, { remoteAddress: incoming?.socket.remoteAddress });
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
