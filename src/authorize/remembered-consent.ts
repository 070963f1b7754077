import type { Store } from '../store/contract.js';
import type { AuthorizationRequest } from './request.js';

/**
 * Consent is remembered per user and client: it covers a request when the client's metadata is
 * unchanged (same fingerprint) and every requested scope was approved before.
 */
export async function consentCovers(store: Store, userId: string, request: AuthorizationRequest): Promise<boolean> {
  const consent = await store.getConsent(userId, request.clientId);
  if (!consent || consent.clientFingerprint !== request.client.fingerprint) return false;
  const approved = new Set(consent.scopes);
  return request.scopes.every((scope) => approved.has(scope));
}

/** Records an approval; scopes approved earlier for the same metadata are kept. */
export async function rememberConsent(store: Store, userId: string, request: AuthorizationRequest, now: number): Promise<void> {
  const previous = await store.getConsent(userId, request.clientId);
  const kept = previous?.clientFingerprint === request.client.fingerprint ? previous.scopes : [];
  await store.putConsent({
    userId,
    clientId: request.clientId,
    scopes: [...new Set([...kept, ...request.scopes])],
    clientFingerprint: request.client.fingerprint,
    grantedAt: now,
  });
}
