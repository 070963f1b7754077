import type { AppDeps } from '../../app/deps.js';
import type { UpstreamProviderConfig } from '../../config/sections/upstream.js';
import { requireEnv } from '../../config/require-env.js';
import { buildUpstreamProvider } from './build-provider.js';
import type { UpstreamProvider } from './types.js';

/**
 * Builds every configured provider, reading client credentials from the environment variables
 * the entries name: a missing one stops start-up with a `ConfigError` naming it.
 */
export function providersFromConfig(deps: AppDeps, env: NodeJS.ProcessEnv = process.env): UpstreamProvider[] {
  return deps.config.authorizationServer.upstream.providers.map((entry, index) => buildProvider(entry, index, deps, env));
}

function buildProvider(entry: UpstreamProviderConfig, index: number, deps: AppDeps, env: NodeJS.ProcessEnv): UpstreamProvider {
  const name = entry.name ?? entry.type;
  const field = `authorizationServer.upstream.providers[${index}]`;
  const purpose = `the ${name} sign-in (${field})`;
  const clientId = requireEnv(entry.clientIdEnv, `${purpose} client id`, env);
  const clientSecret = entry.clientSecretEnv === undefined ? undefined : requireEnv(entry.clientSecretEnv, `${purpose} client secret`, env);
  return buildUpstreamProvider(entry, { clientId, ...(clientSecret !== undefined ? { clientSecret } : {}) }, deps.now, field).provider;
}
