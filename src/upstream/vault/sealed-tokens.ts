import type { Sealer } from '../../crypto/sealer.js';
import type { UpstreamTokenRecord } from '../../store/contract.js';
import type { UpstreamTokens } from '../providers/types.js';

/**
 * Upstream tokens at rest: sealed (AES-256-GCM), with the user and provider as additional data so
 * a sealed value moved to another user's record does not open.
 */
export function sealTokens(sealer: Sealer, userId: string, provider: string, tokens: UpstreamTokens, now: number): Omit<UpstreamTokenRecord, 'version'> {
  return {
    userId,
    provider,
    sealed: sealer.seal(JSON.stringify(tokens), aad(userId, provider)),
    ...(tokens.expiresAt !== undefined ? { accessExpiresAt: tokens.expiresAt } : {}),
    updatedAt: now,
  };
}

export function openTokens(sealer: Sealer, record: UpstreamTokenRecord): UpstreamTokens {
  return JSON.parse(sealer.open(record.sealed, aad(record.userId, record.provider))) as UpstreamTokens;
}

function aad(userId: string, provider: string): string {
  return JSON.stringify(['gatehouse upstream tokens', userId, provider]);
}
