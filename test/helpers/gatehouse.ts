import { createDemoMcp } from '../../demo/index.js';
import { startGatehouse, type RunningGatehouse } from '../../src/app/start.js';
import { parseConfig } from '../../src/config/load.js';
import type { Store } from '../../src/store/contract.js';

/**
 * Starts the real `gatehouse serve` stack in-process (demo MCP server behind Gatehouse) on a free
 * loopback port with a memory store, unless the test says otherwise. Stop it with `close()`.
 */
export async function startTestGatehouse(
  config: Record<string, unknown> = {},
  options: { store?: Store; now?: () => number } = {},
): Promise<RunningGatehouse> {
  const server = { host: '127.0.0.1', port: 0, ...((config.server as object | undefined) ?? {}) };
  const store = { url: 'memory', ...((config.store as object | undefined) ?? {}) };
  const parsed = parseConfig({ logLevel: 'silent', ...config, server, store });
  return startGatehouse({ config: parsed, mcp: createDemoMcp, ...options });
}
