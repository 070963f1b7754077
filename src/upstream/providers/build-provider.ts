import type { UpstreamProviderConfig } from '../../config/sections/upstream.js';
import { ConfigError } from '../../errors/config-error.js';
import type { UpstreamClientSettings } from './oauth-client.js';
import { oauth2Provider } from './oauth2.js';
import { oidcProvider } from './oidc.js';
import { resolvePreset } from './presets.js';
import type { UpstreamProvider } from './types.js';

/** Who we are at the provider: the client id, and the secret of a confidential client. */
export interface ProviderCredentials {
  clientId: string;
  clientSecret?: string;
}

/**
 * Builds one provider from its entry (a preset or a generic issuer) and client credentials, the
 * same way for the server's upstream sign-in and for a local server (`gatehouse/local`).
 * `field` names the entry in errors (`authorizationServer.upstream.providers[0]`).
 */
export function buildUpstreamProvider(
  entry: UpstreamProviderConfig,
  credentials: ProviderCredentials,
  now: () => number,
  field: string,
): { provider: UpstreamProvider; settings: UpstreamClientSettings } {
  const preset = resolvePreset(entry);
  const name = entry.name ?? entry.type;
  const { clientId, clientSecret } = credentials;
  const authMethod = entry.tokenEndpointAuthMethod ?? (clientSecret === undefined ? 'none' : preset.authMethod);
  if (authMethod !== 'none' && clientSecret === undefined) {
    throw new ConfigError(`${field}.clientSecretEnv`, `${authMethod} needs a client secret variable`);
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
  const provider =
    preset.shape.protocol === 'oidc'
      ? oidcProvider(new URL(preset.shape.issuer), label, settings, now)
      : oauth2Provider(preset.shape.endpoints, label, settings, now);
  return { provider, settings };
}
