import { OAuthError } from '../../errors/oauth-error.js';
import type { GrantRecord, Store } from '../../store/contract.js';

/** The grant behind a refresh token must still exist, be unrevoked and within its absolute life. */
export async function requireLiveGrant(store: Store, grantId: string, now: number): Promise<GrantRecord> {
  const grant = await store.getGrant(grantId);
  if (!grant || grant.revokedAt !== undefined || grant.expiresAt <= now) {
    throw new OAuthError('invalid_grant', 'The grant has been revoked or has expired.');
  }
  return grant;
}
