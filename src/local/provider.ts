import { requireEnv } from '../config/require-env.js';
import { buildUpstreamProvider } from '../upstream/providers/build-provider.js';
import type { UpstreamClientSettings } from '../upstream/providers/oauth-client.js';
import type { UpstreamProvider } from '../upstream/providers/types.js';
import { entryName, type LocalProviderEntry } from './config.js';

/** One upstream as a local server sees it: the shared provider and how we are known there. */
export interface LocalProvider {
  readonly name: string;
  readonly upstream: UpstreamProvider;
  readonly settings: UpstreamClientSettings;
}

/**
 * The same presets and OAuth client code as the server side's upstream sign-in. A local server is
 * a native app (RFC 8252 §8.4): usually a public client, PKCE only; a provider that insists on a
 * "secret" for desktop apps (Google) gets the one its entry names, which is not a secret there.
 */
export function localProvider(entry: LocalProviderEntry, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): LocalProvider {
  const name = entryName(entry);
  const clientId = requireEnv(entry.clientIdEnv, `the ${name} sign-in client id`, env);
  const clientSecret = entry.clientSecretEnv === undefined ? undefined : requireEnv(entry.clientSecretEnv, `the ${name} sign-in client secret`, env);
  const { provider, settings } = buildUpstreamProvider(entry, { clientId, ...(clientSecret !== undefined ? { clientSecret } : {}) }, now, `providers.${name}`);
  return { name, upstream: provider, settings };
}
