import type { Store } from '../store/contract.js';

/**
 * Takes back a user's approval of a client: the remembered consent goes (the next request asks
 * again) and so does every live grant the client holds for the user (its tokens stop working).
 * Returns whether there was a consent to forget.
 */
export async function revokeClientAccess(store: Store, userId: string, clientId: string, now: number): Promise<boolean> {
  const had = await store.revokeConsent(userId, clientId);
  for (const grant of await store.listGrantsByUser(userId)) {
    if (grant.clientId === clientId && grant.revokedAt === undefined) await store.revokeGrant(grant.grantId, now);
  }
  return had;
}
