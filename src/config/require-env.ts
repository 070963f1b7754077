import { ConfigError } from '../errors/config-error.js';

/**
 * Reads a credential the MCP server needs for an upstream API (Tier 1: the server's own key).
 * A missing one stops start-up with the variable's name, instead of failing at the first tool call.
 */
export function requireEnv(name: string, purpose: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(name, `environment variable ${name} is not set (needed for ${purpose})`);
  }
  return value;
}
