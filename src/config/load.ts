import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import { applyEnv, ENV_FIELDS } from './env.js';
import { configSchema, type Config } from './schema.js';

export interface LoadConfigOptions {
  /** Path of a JSON config file; absent: defaults plus environment. */
  file?: string;
  /**
   * Defaults of the program embedding Gatehouse, under the file: `gatehouse serve` sets the demo's
   * scopes here, so a config file can still replace them.
   */
  defaults?: Record<string, unknown>;
  /** Values layered over the file (and under the environment); used by the CLI and tests. */
  overrides?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError('--config', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the top level must be a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (cause) {
    throw new ConfigError('--config', `${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    const bothObjects =
      typeof prev === 'object' && prev !== null && !Array.isArray(prev) &&
      typeof value === 'object' && value !== null && !Array.isArray(value);
    out[key] = bothObjects ? deepMerge(prev as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

/** Validates raw input against the schema; the first problem becomes a `ConfigError` naming its field. */
export function parseConfig(input: unknown): Config {
  const result = configSchema.safeParse(input);
  if (result.success) return deepFreeze(result.data);
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  throw new ConfigError(field, message, { cause: new Error(z.prettifyError(result.error)) });
}

/** Defaults, then the file, then overrides, then `GATEHOUSE_*` environment variables; validated and frozen. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const fromFile = options.file ? readConfigFile(options.file) : {};
  const merged = deepMerge(deepMerge(options.defaults ?? {}, fromFile), options.overrides ?? {});
  const env = options.env ?? process.env;
  try {
    return parseConfig(applyEnv(merged, env));
  } catch (error) {
    throw withEnvSource(error, env);
  }
}

/** When the bad value came from a `GATEHOUSE_*` variable, say which one: that is what to fix. */
function withEnvSource(error: unknown, env: NodeJS.ProcessEnv): unknown {
  if (!(error instanceof ConfigError)) return error;
  const source = Object.entries(ENV_FIELDS).find(([name, path]) => path.join('.') === error.field && env[name]);
  if (!source) return error;
  return new ConfigError(error.field, `${error.message.slice(error.field.length + 2)} (from ${source[0]})`, { cause: error });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
