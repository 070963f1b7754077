import type { Config } from '../config/schema.js';
import { requireEnv } from '../config/require-env.js';
import { ConfigError } from '../errors/config-error.js';
import { listenNode } from '../http/node-server.js';
import { createLogger, type Logger } from '../log/logger.js';
import type { McpFetchHandler } from '../mcp/handler.js';
import type { Store } from '../store/contract.js';
import { openStore } from '../store/open-store.js';
import { createGatehouse, type Gatehouse } from './create-gatehouse.js';
import { hostForUrl, isLoopbackHost } from './loopback.js';

export interface StartOptions {
  config: Config;
  /** Builds the MCP server to guard once the store is open. */
  mcp: (context: { store: Store; logger: Logger }) => McpFetchHandler;
  logger?: Logger;
  /** An already open store (tests); otherwise `config.store.url` is opened. */
  store?: Store;
  /** The clock (epoch ms) for the app and the store it opens; tests may set where time stands. */
  now?: () => number;
}

export interface RunningGatehouse {
  /** The public base URL (issuer). */
  url: string;
  /** The canonical MCP endpoint URL. */
  mcpUrl: string;
  gatehouse: Gatehouse;
  store: Store;
  close(): Promise<void>;
}

/**
 * Auth-off exists for the conformance suite, which cannot send a token. It is refused anywhere
 * but loopback, where only this machine's own processes can reach the server.
 */
function checkAuthOff(config: Config, logger: Logger): void {
  if (config.authMode !== 'off') return;
  if (!isLoopbackHost(config.server.host)) {
    throw new ConfigError('authMode', `"off" is allowed only on a loopback address, not on ${config.server.host}`);
  }
  // A loopback bind behind a proxy is reachable by everyone the proxy serves: these fields say so.
  const publicHost = config.server.publicUrl && new URL(config.server.publicUrl).hostname;
  if (publicHost && !isLoopbackHost(publicHost)) {
    throw new ConfigError('server.publicUrl', `authMode "off" is allowed only on loopback, but clients would reach it as ${publicHost}`);
  }
  const remoteName = config.server.allowedHosts.find((name) => !isLoopbackHost(name));
  if (remoteName !== undefined) {
    throw new ConfigError('server.allowedHosts', `authMode "off" is allowed only on loopback, but ${remoteName} is not a loopback name`);
  }
  logger.warn('auth_off', { message: 'authentication is OFF: every request to the MCP endpoint is served unauthenticated' });
}

/** Opens the store, binds the port, then builds the app with the URL it is actually reachable at. */
export async function startGatehouse(options: StartOptions): Promise<RunningGatehouse> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  checkAuthOff(config, logger);
  for (const { name, purpose } of config.requiredEnv) requireEnv(name, purpose);
  const store = options.store ?? (await openStore(config.store.url, { redisPrefix: config.store.redisPrefix, postgresSchema: config.store.postgresSchema, sqliteSynchronous: config.store.sqliteSynchronous, ...(options.now && { clock: options.now }) }));
  let listener;
  try {
    listener = await listenNode(config.server.host, config.server.port);
  } catch (cause) {
    await store.close();
    throw new ConfigError('server.port', `cannot listen on ${config.server.host}:${config.server.port}: ${(cause as Error).message}`, { cause });
  }
  const baseUrl = config.server.publicUrl ?? `http://${hostForUrl(config.server.host)}:${listener.port}`;
  let mcp: McpFetchHandler | undefined;
  let gatehouse: Gatehouse;
  try {
    mcp = options.mcp({ store, logger });
    gatehouse = createGatehouse({ config, baseUrl, store, mcp, logger, ...(options.now && { now: options.now }) });
  } catch (error) {
    // A refusal after the port is bound must not leave the process hanging on an open socket.
    await listener.close();
    await mcp?.close?.();
    if (!options.store) await store.close();
    throw error;
  }
  listener.setHandler(gatehouse.fetch);
  return {
    url: gatehouse.deps.urls.base,
    mcpUrl: gatehouse.deps.urls.mcp,
    gatehouse,
    store,
    async close() {
      await listener.close();
      await mcp?.close?.();
      if (!options.store) await store.close();
    },
  };
}
