import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestPki } from '../../helpers/https-ca.js';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  /** A string, or a function of the server's origin (documents name their own URL). */
  body?: string | ((origin: string) => string);
  /** Accept the request and never answer. */
  hang?: boolean;
}

export interface DocumentServer {
  /** `https://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  /** TCP connections accepted so far: proves a refused fetch never connected. */
  connections: number;
  /** Requests per path. */
  hits: Map<string, number>;
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

/** A real HTTPS server on 127.0.0.1 (port 0) serving canned answers per path. */
export async function startDocumentServer(pki: TestPki): Promise<DocumentServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const server: Server = createServer({ key: pki.serverKey, cert: pki.serverCert }, (req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (route.hang) return;
    const body = typeof route.body === 'function' ? route.body(state.origin) : (route.body ?? '');
    res.writeHead(route.status ?? 200, { 'Content-Type': 'application/json', ...route.headers });
    res.end(body);
  });
  const state = { origin: '', connections: 0 };
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.origin = `https://127.0.0.1:${port}`;
  return {
    origin: state.origin,
    port,
    get connections() {
      return state.connections;
    },
    hits,
    route: (path, route) => routes.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
