import { hashSecret, newId, newSecret } from '../../crypto/hash.js';
import type { ClientStore } from '../../store/contract.js';
import { toClientRecord, type CheckedMetadata } from '../client-metadata.js';

/** Registered ids carry this prefix: readable in logs, and never mistaken for a document URL. */
export const REGISTERED_CLIENT_ID_PREFIX = 'dcr_';

/**
 * Stores a checked registration and returns the RFC 7591 §3.2.1 response body. The client secret
 * (confidential methods only) is in the response once and in the store only as its digest.
 */
export async function registerClient(
  store: ClientStore,
  meta: CheckedMetadata,
  now: number,
  unusedExpirySeconds: number,
): Promise<Record<string, unknown>> {
  const clientId = REGISTERED_CLIENT_ID_PREFIX + newId();
  const confidential = meta.token_endpoint_auth_method.startsWith('client_secret_');
  const secret = confidential ? newSecret('gcs_') : undefined;
  const record = toClientRecord(clientId, 'dcr', meta, {
    createdAt: now,
    expiresAt: now + unusedExpirySeconds * 1000,
    ...(secret !== undefined && { secretHash: hashSecret(secret) }),
  });
  await store.putClient(record);
  return {
    client_id: clientId,
    client_id_issued_at: Math.floor(now / 1000),
    // 0: the secret itself does not expire; an unused registration does (see docs/clients.md).
    ...(secret !== undefined && { client_secret: secret, client_secret_expires_at: 0 }),
    ...meta,
  };
}
