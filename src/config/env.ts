/**
 * Environment variables that override the config file, each mapped to one field. Values are
 * parsed as JSON when they look like JSON (numbers, booleans, arrays), as strings otherwise.
 */
export const ENV_FIELDS: Readonly<Record<string, readonly string[]>> = {
  GATEHOUSE_AUTH_MODE: ['authMode'],
  GATEHOUSE_HOST: ['server', 'host'],
  GATEHOUSE_PORT: ['server', 'port'],
  GATEHOUSE_PUBLIC_URL: ['server', 'publicUrl'],
  GATEHOUSE_TRUST_PROXY: ['server', 'trustProxy'],
  GATEHOUSE_STORE: ['store', 'url'],
  GATEHOUSE_LOG_LEVEL: ['logLevel'],
};

function parseEnvValue(raw: string): unknown {
  const looksJson = /^(-?\d+(\.\d+)?|true|false|null|\[.*\]|\{.*\})$/s.test(raw.trim());
  if (!looksJson) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Returns a copy of `input` with every set `GATEHOUSE_*` variable written into its field. */
export function applyEnv(input: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(input);
  for (const [name, path] of Object.entries(ENV_FIELDS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let node = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node[key] = typeof next === 'object' && next !== null ? { ...(next as object) } : {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = parseEnvValue(raw);
  }
  return out;
}
