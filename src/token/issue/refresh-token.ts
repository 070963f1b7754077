import { hashSecret, newSecret } from '../../crypto/hash.js';
import type { HashedRecord, RefreshTokenRecord } from '../../store/contract.js';
import type { TokenContext, TokenSubject } from '../context.js';

export const REFRESH_PREFIX = 'grt_';

export interface IssuedRefreshToken extends HashedRecord<RefreshTokenRecord> {
  token: string;
}

/**
 * A new member of the grant's refresh family: `token` is random, or derived by a rotation
 * (`graceRefreshToken`). Its lifetime slides (each rotation starts a fresh `refreshTokenTtl`)
 * but never passes the grant's absolute end.
 */
export function newRefreshToken(ctx: TokenContext, subject: TokenSubject, grantExpiresAt: number, token = newSecret(REFRESH_PREFIX)): IssuedRefreshToken {
  const now = ctx.deps.now();
  return {
    token,
    hash: hashSecret(token),
    record: {
      grantId: subject.grantId,
      clientId: subject.clientId,
      scopes: subject.scopes,
      resource: subject.resource,
      createdAt: now,
      expiresAt: Math.min(now + ctx.tokens.refreshTokenTtl * 1000, grantExpiresAt),
      userId: subject.userId,
      grantExpiresAt,
    },
  };
}
