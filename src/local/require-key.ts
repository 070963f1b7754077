import { requireEnv } from '../config/require-env.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * Tier 1: the server's own key for an upstream API, from the environment (an MCPB host puts a
 * `sensitive` user_config value there). A missing one stops start-up naming the variable, on
 * stderr — stdout is the MCP channel — instead of failing at the first tool call.
 */
export function requireKey(name: string, purpose: string, env: NodeJS.ProcessEnv = process.env): string {
  return requireEnv(name, purpose, env);
}

/**
 * Runs the start-up of a stdio server: a `ConfigError` (a missing key, a bad config file) is
 * printed as one line on stderr and the process exits with status 1; anything else is rethrown.
 */
export async function startOrExit<T>(start: () => T | Promise<T>, name: string): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${name}: cannot start: ${error.message}\n`);
    process.exit(1);
  }
}
