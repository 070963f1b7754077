import type { AppDeps } from '../../app/deps.js';
import type { UpstreamProviderConfig } from '../../config/sections/upstream.js';
import { requireEnv } from '../../config/require-env.js';
import { ConfigError } from '../../errors/config-error.js';
import type { UpstreamClientSettings } from './oauth-client.js';
import { oauth2Provider } from './oauth2.js';
import { oidcProvider } from './oidc.js';
import { resolvePreset } from './presets.js';
import type { UpstreamProvider } from './types.js';

/**
 * Builds every configured provider, reading client credentials from the environment variables
 * the entries name: a missing one stops start-up with a `ConfigError` naming it.
 */
export function providersFromConfig(deps: AppDeps, env: NodeJS.ProcessEnv = process.env): UpstreamProvider[] {
  return deps.config.authorizationServer.upstream.providers.map((entry, index) => buildProvider(entry, index, deps, env));
}

function buildProvider(entry: UpstreamProviderConfig, index: number, deps: AppDeps, env: NodeJS.ProcessEnv): UpstreamProvider {
  const preset = resolvePreset(entry);
  const name = entry.name ?? entry.type;
  const purpose = `the ${name} sign-in (authorizationServer.upstream.providers[${index}])`;
  const clientId = requireEnv(entry.clientIdEnv, `${purpose} client id`, env);
  const clientSecret = entry.clientSecretEnv === undefined ? undefined : requireEnv(entry.clientSecretEnv, `${purpose} client secret`, env);
  const authMethod = entry.tokenEndpointAuthMethod ?? (clientSecret === undefined ? 'none' : preset.authMethod);
  if (authMethod !== 'none' && clientSecret === undefined) {
    throw new ConfigError(`authorizationServer.upstream.providers[${index}].clientSecretEnv`, `${authMethod} needs a client secret variable`);
  }
  const settings: UpstreamClientSettings = {
    name,
    clientId,
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    authMethod,
    scopes: entry.scopes ?? preset.scopes,
    authorizationParams: { ...preset.authorizationParams, ...entry.authorizationParams },
    pkce: preset.shape.protocol === 'oidc' || preset.shape.pkce,
  };
  const label = entry.label ?? `Sign in with ${preset.displayName}`;
  return preset.shape.protocol === 'oidc'
    ? oidcProvider(new URL(preset.shape.issuer), label, settings, deps.now)
    : oauth2Provider(preset.shape.endpoints, label, settings, deps.now);
}
