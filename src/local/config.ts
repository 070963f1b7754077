import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { upstreamProviderSection, type UpstreamProviderConfig } from '../config/sections/upstream.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * A local server's sign-in settings: its name (the keychain service is `gatehouse-local:<server>`)
 * and its providers, written exactly like the server side's `authorizationServer.upstream.providers`
 * entries (same schema, same presets). Client ids come from the variables the entries name.
 */
export const localConfigSchema = z
  .object({
    server: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be 1-64 of a-z, 0-9 and "-", starting with a letter'),
    providers: z.array(upstreamProviderSection).min(1).max(20),
    /** Seconds the loopback listener waits for the browser to come back. */
    callbackTimeout: z.number().int().min(10).max(1800).default(300),
    /** An access token this close to expiry (seconds) is refreshed before use. */
    refreshSkew: z.number().int().min(0).max(600).default(60),
  })
  .strict();

export type LocalConfig = z.infer<typeof localConfigSchema>;
export type LocalConfigInput = z.input<typeof localConfigSchema>;
export type LocalProviderEntry = UpstreamProviderConfig;

/** Validates a config object; the first problem becomes a `ConfigError` naming its field. */
export function parseLocalConfig(input: unknown): LocalConfig {
  const parsed = localConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ConfigError(issue.path.join('.') || '(root)', issue.message);
}

/** Reads and validates a JSON config file (`gatehouse local --config`, `GATEHOUSE_LOCAL_CONFIG`). */
export function loadLocalConfig(path: string): LocalConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(path, `cannot read the local config file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(path, 'is not valid JSON', { cause });
  }
  return parseLocalConfig(json);
}

/** The entry for `--provider NAME` (its `name`, or its type when unnamed). */
export function providerEntry(config: LocalConfig, name: string | undefined): LocalProviderEntry {
  if (name === undefined) {
    if (config.providers.length === 1) return config.providers[0]!;
    throw new ConfigError('--provider', `choose one of: ${config.providers.map(entryName).join(', ')}`);
  }
  const entry = config.providers.find((p) => entryName(p) === name);
  if (!entry) throw new ConfigError('--provider', `no provider named "${name}" (configured: ${config.providers.map(entryName).join(', ')})`);
  return entry;
}

export function entryName(entry: LocalProviderEntry): string {
  return entry.name ?? entry.type;
}
