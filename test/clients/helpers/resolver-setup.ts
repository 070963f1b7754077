import { serverUrls } from '../../../src/app/urls.js';
import { createClientResolver, type ClientResolverOptions } from '../../../src/clients/resolver.js';
import { parseConfig } from '../../../src/config/load.js';
import { createLogger } from '../../../src/log/logger.js';
import type { Store } from '../../../src/store/contract.js';
import { openStore } from '../../../src/store/open-store.js';

export interface ResolverSetup {
  resolver: ReturnType<typeof createClientResolver>;
  store: Store;
  clock: { now: number };
}

/**
 * A resolver over a fresh memory store with a clock the test moves. `server` and `baseUrl` say
 * where the authorization server runs (loopback by default, like a developer machine).
 */
export async function setupResolver(
  clients: Record<string, unknown> = {},
  options: ClientResolverOptions & { server?: Record<string, unknown>; baseUrl?: string } = {},
): Promise<ResolverSetup> {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const now = () => clock.now;
  const config = parseConfig({
    logLevel: 'silent',
    server: { host: '127.0.0.1', ...options.server },
    store: { url: 'memory' },
    authorizationServer: { clients },
  });
  const store = await openStore('memory', { clock: now });
  const deps = {
    config,
    store,
    logger: createLogger('silent'),
    now,
    urls: serverUrls(options.baseUrl ?? 'http://127.0.0.1:8787', '/mcp'),
  };
  return { resolver: createClientResolver(deps, options), store, clock };
}
