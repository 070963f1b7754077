import type { AppDeps } from '../app/deps.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ClientRecord } from '../store/contract.js';
import { serverIsOnLoopback } from './cimd/address-policy.js';
import { resolveMetadataDocument } from './cimd/resolve-document.js';
import { looksLikeMetadataUrl } from './cimd/url-rules.js';
import type { ClientResolver, ResolvedClient } from './contract.js';
import { loadPreregisteredClients } from './preregistered.js';

export interface ClientResolverOptions {
  /** Where `secretEnv` secrets are read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Extra trusted CA certificates (PEM) for metadata document fetches: tests with their own CA. */
  ca?: readonly string[];
}

const MAX_CLIENT_ID_LENGTH = 2048;

/**
 * The `ClientResolver` for this server: pre-registered (config) → metadata document (an
 * `https://` client_id) → dynamically registered (store). Build it once at start-up: reading
 * `secretEnv` secrets here is what makes a missing one a start-up error (`ConfigError`).
 */
export function createClientResolver(
  deps: Pick<AppDeps, 'config' | 'store' | 'logger' | 'now' | 'urls'>,
  options: ClientResolverOptions = {},
): ClientResolver {
  const settings = deps.config.authorizationServer.clients;
  const preregistered = loadPreregisteredClients(settings, options.env ?? process.env, deps.now());
  const documentDeps = {
    options: settings.cimd,
    store: deps.store,
    logger: deps.logger,
    now: deps.now,
    allowLoopback: serverIsOnLoopback(deps.config.server.host, deps.urls.issuer),
    ...(options.ca && { ca: options.ca }),
  };
  const unknown = () => new OAuthError('invalid_client', 'Unknown client_id.');

  async function resolveRegistered(clientId: string): Promise<ResolvedClient> {
    if (!settings.dcr.enabled) throw unknown();
    const record: ClientRecord | undefined = await deps.store.getClient(clientId);
    if (record?.kind !== 'dcr') throw unknown();
    // Each use keeps an otherwise-expiring registration alive.
    const now = deps.now();
    await deps.store.touchClient(clientId, now, now + settings.dcr.unusedExpirySeconds * 1000);
    return { record, development: false };
  }

  return {
    async resolve(clientId) {
      if (clientId.length === 0 || clientId.length > MAX_CLIENT_ID_LENGTH) throw unknown();
      const configured = preregistered.get(clientId);
      if (configured) return { record: configured, development: false };
      if (looksLikeMetadataUrl(clientId)) {
        if (!settings.cimd.enabled) {
          throw new OAuthError('invalid_client', 'This server does not accept client metadata document URLs as client_id.');
        }
        return resolveMetadataDocument(clientId, documentDeps);
      }
      return resolveRegistered(clientId);
    },
  };
}
