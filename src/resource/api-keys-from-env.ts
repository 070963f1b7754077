import { z } from 'zod';
import { apiKeyEntry, type ApiKeyEntry } from '../config/sections/resource.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * API key entries kept out of the config file (`GATEHOUSE_API_KEYS='[{"label":…,"hash":…}]'`):
 * validated with the same schema as `resource.apiKeys`, refused at start-up naming the variable.
 */
export function apiKeysFromEnv(env: NodeJS.ProcessEnv, name: string): ApiKeyEntry[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigError(name, 'must be a JSON array of { label, hash, scopes } entries', { cause });
  }
  const result = z.array(apiKeyEntry).safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`${name}[${issue.path.join('.')}]`, issue.message);
  }
  return result.data;
}
