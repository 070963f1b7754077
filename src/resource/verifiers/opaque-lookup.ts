import { hashSecret } from '../../crypto/hash.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Principal, TokenVerifier } from '../principal.js';

/** What a lookup returns for a live opaque token (the store's `AccessTokenRecord` fits). */
export interface OpaqueTokenRecord {
  userId: string;
  clientId: string;
  scopes: string[];
  resource: string;
  expiresAt: number;
  grantId?: string;
}

/**
 * Opaque tokens looked up by digest: the co-hosted authorization server passes
 * `(hash) => store.findAccessToken(hash, Date.now())`. The lookup is the revocation check, so its
 * answers are not cached.
 */
export function opaqueLookupVerifier(lookup: (tokenHash: string) => Promise<OpaqueTokenRecord | undefined>): TokenVerifier {
  return {
    async verify(token) {
      const record = await lookup(hashSecret(token));
      if (!record) throw new OAuthError('invalid_token', 'The access token is unknown, expired or revoked.');
      const principal: Principal = {
        subject: record.userId,
        clientId: record.clientId,
        scopes: [...record.scopes],
        audience: [record.resource],
        expiresAt: record.expiresAt,
        kind: 'opaque',
        ...(record.grantId && { grantId: record.grantId }),
      };
      return principal;
    },
  };
}
