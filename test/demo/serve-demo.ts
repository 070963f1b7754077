import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import {
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  originValidationResponse,
} from '@modelcontextprotocol/server';
import type { AuthInfo } from '@modelcontextprotocol/server';
import { createDemoMcp } from '../../demo/index.js';
import type { DemoMcp, LegacySessionOptions } from '../../demo/index.js';
import { createLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { NotesStore, Store } from '../../src/store/contract.js';

/**
 * Test-only principal injection, standing in for the Gatehouse guard: a request naming a user in
 * `x-test-subject` gets an `authInfo` for that user with the scopes in `x-test-scopes`. Without
 * the header there is no `authInfo`, which is what auth-off mode looks like to the demo.
 */
export const TEST_SUBJECT_HEADER = 'x-test-subject';
export const TEST_SCOPES_HEADER = 'x-test-scopes';
export const TEST_RESOURCE = 'http://127.0.0.1/mcp';

export function testAuthInfo(request: Request): AuthInfo | undefined {
  const subject = request.headers.get(TEST_SUBJECT_HEADER);
  if (subject === null) return undefined;
  return {
    token: 'test-token-not-a-secret',
    clientId: 'test-client',
    scopes: (request.headers.get(TEST_SCOPES_HEADER) ?? '').split(' ').filter(Boolean),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    resource: new URL(TEST_RESOURCE),
    extra: { subject },
  };
}

export interface ServedDemo {
  /** The MCP endpoint, `http://127.0.0.1:PORT/mcp`. */
  url: string;
  mcp: DemoMcp;
  store: NotesStore;
  /** The demo's log lines, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface ServeDemoOptions {
  store?: Store;
  sessions?: LegacySessionOptions;
  /**
   * Host/Origin validation (DNS-rebinding protection) for serving the demo bare on localhost,
   * as the conformance suite expects; behind Gatehouse the guard does it.
   */
  localhostOnly?: boolean;
}

/** Serves the demo over real HTTP on 127.0.0.1 and a free port. */
export async function serveDemo(options: ServeDemoOptions = {}): Promise<ServedDemo> {
  const store = options.store ?? (await openStore('memory'));
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const mcp = createDemoMcp({ store, logger, ...(options.sessions && { sessions: options.sessions }) });

  const server = createAdaptorServer({
    fetch: async (request: Request) => {
      if (new URL(request.url).pathname !== '/mcp') return new Response('Not Found', { status: 404 });
      if (options.localhostOnly) {
        const rejected =
          hostHeaderValidationResponse(request, localhostAllowedHostnames()) ??
          originValidationResponse(request, localhostAllowedOrigins());
        if (rejected) return rejected;
      }
      const authInfo = testAuthInfo(request);
      return mcp.fetch(request, authInfo ? { authInfo } : {});
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/mcp`,
    mcp,
    store,
    logs,
    async close() {
      await mcp.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open SSE streams would otherwise hold the server open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      if (!options.store) await store.close();
    },
  };
}
