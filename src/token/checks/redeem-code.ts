import { hashSecret } from '../../crypto/hash.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { CodeRecord } from '../../store/contract.js';
import type { TokenContext } from '../context.js';
import { revokeGrant } from '../revoke-grant.js';

/** Marks grants whose code was replayed, so a replay racing the first exchange still revokes. */
const REPLAY_NAMESPACE = 'code-replayed';
/** Far longer than any code lives: the race it closes lasts milliseconds. */
const REPLAY_MARK_MS = 10 * 60_000;

/**
 * Spends the code (atomic get-and-delete). A code seen again is an attack or a broken client
 * either way: OAuth 2.1 §4.1.3 / RFC 9700 §4.5 say to refuse it and revoke what it issued.
 */
export async function redeemCode(ctx: TokenContext, code: string): Promise<CodeRecord> {
  const { store, now, logger } = ctx.deps;
  const result = await store.consumeCode(hashSecret(code), now());
  if (result.status === 'consumed') return result.record;
  if (result.status === 'replayed') {
    await revokeGrant(ctx, result.grantId);
    await store.rememberOnce(REPLAY_NAMESPACE, result.grantId, now() + REPLAY_MARK_MS);
    logger.warn('code_replayed', { grantId: result.grantId });
    throw new OAuthError('invalid_grant', 'The authorization code was already used; the tokens it issued are revoked.');
  }
  throw new OAuthError('invalid_grant', 'The authorization code is invalid or has expired.');
}

/**
 * Called once the first exchange has saved its grant and tokens. A replay that arrived before
 * the grant existed could not revoke it; it left a mark instead, and finding the mark here
 * revokes now. Either order ends with the grant revoked.
 */
export async function checkNoConcurrentReplay(ctx: TokenContext, grantId: string): Promise<void> {
  const { store, now } = ctx.deps;
  if (await store.rememberOnce(REPLAY_NAMESPACE, grantId, now() + REPLAY_MARK_MS)) return;
  await revokeGrant(ctx, grantId);
  throw new OAuthError('invalid_grant', 'The authorization code was used twice; the tokens it issued are revoked.');
}
