import type { ClientsConfig, PreregisteredClientConfig } from '../config/sections/clients.js';
import { hashSecret } from '../crypto/hash.js';
import { ConfigError } from '../errors/config-error.js';
import type { ClientRecord } from '../store/contract.js';
import { toClientRecord, type CheckedMetadata } from './client-metadata.js';
import { checkApplicationType } from './metadata-checks.js';

/** An environment secret shorter than this is refused: `hashSecret` is a plain digest, fit for random secrets only. */
const MIN_SECRET_LENGTH = 32;

/**
 * The configured clients as store records, keyed by id. Secrets named by `secretEnv` are read and
 * hashed here, once, at start-up; a missing or weak one stops the server with the field's name.
 */
export function loadPreregisteredClients(config: ClientsConfig, env: NodeJS.ProcessEnv, now: number): ReadonlyMap<string, ClientRecord> {
  const clients = new Map<string, ClientRecord>();
  config.preregistered.forEach((client, index) => {
    clients.set(client.clientId, toRecord(client, secretHashOf(client, index, env), now));
  });
  return clients;
}

function secretHashOf(client: PreregisteredClientConfig, index: number, env: NodeJS.ProcessEnv): string | undefined {
  if (client.secretEnv === undefined) return client.secretHash;
  const field = `authorizationServer.clients.preregistered.${index}.secretEnv`;
  const secret = env[client.secretEnv];
  if (!secret) throw new ConfigError(field, `environment variable ${client.secretEnv} is not set`);
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(field, `the secret in ${client.secretEnv} is shorter than ${MIN_SECRET_LENGTH} characters; use a random one (e.g. openssl rand -base64 32)`);
  }
  return hashSecret(secret);
}

function toRecord(client: PreregisteredClientConfig, secretHash: string | undefined, now: number): ClientRecord {
  const meta: CheckedMetadata = {
    redirect_uris: client.redirectUris,
    grant_types: client.grantTypes,
    response_types: ['code'],
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    application_type: client.applicationType ?? checkApplicationType({ redirect_uris: client.redirectUris }),
    ...(client.clientName !== undefined && { client_name: client.clientName }),
    ...(client.scope !== undefined && { scope: client.scope }),
    ...(client.jwks !== undefined && { jwks: client.jwks }),
    ...(client.jwksUri !== undefined && { jwks_uri: client.jwksUri }),
  };
  return toClientRecord(client.clientId, 'preregistered', meta, { createdAt: now, ...(secretHash !== undefined && { secretHash }) });
}
