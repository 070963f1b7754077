import { OAuthError } from '../../errors/oauth-error.js';
import type { CodeExchange, CodeRecord, SpentCode } from '../../store/contract.js';
import type { TokenContext } from '../context.js';
import { revokeGrant } from '../revoke-grant.js';

/**
 * The code, if it can still be exchanged. Reading first lets the exchange check everything and
 * prepare its tokens before the one atomic write that spends the code (`redeemCode`).
 */
export async function findLiveCode(ctx: TokenContext, codeHash: string): Promise<CodeRecord> {
  const result = await ctx.deps.store.findCode(codeHash, ctx.deps.now());
  if (result.status === 'live') return result.record;
  return refuseSpent(ctx, result);
}

/**
 * A code whose exchange failed a check (client, redirect URI, PKCE, resource) is spent all the
 * same, so a wrong verifier cannot be followed by a right one: then the check's error; or, if
 * another exchange spent the code meanwhile, the replay's (and its grant is revoked); or, if it
 * is gone (its grant revoked, or it expired, since it was read), the unknown code's.
 */
export async function spendOnFailure(ctx: TokenContext, codeHash: string, checks: () => void): Promise<void> {
  try {
    checks();
  } catch (error) {
    const result = await ctx.deps.store.consumeCode(codeHash, ctx.deps.now());
    if (result.status !== 'consumed') await refuseSpent(ctx, result);
    throw error;
  }
}

/** Spends the code and writes the grant and its first tokens, atomically (`exchangeCode`). */
export async function redeemCode(ctx: TokenContext, codeHash: string, exchange: CodeExchange): Promise<void> {
  const result = await ctx.deps.store.exchangeCode(codeHash, exchange, ctx.deps.now());
  if (result.status !== 'exchanged') await refuseSpent(ctx, result);
}

/**
 * A code seen again is an attack or a broken client either way: OAuth 2.1 §4.1.3 / RFC 9700 §4.5
 * say to refuse it and revoke what it issued. The exchange that spent it wrote its grant in the
 * same atomic step, so the grant is there to revoke even when the replay raced that exchange.
 */
async function refuseSpent(ctx: TokenContext, result: SpentCode): Promise<never> {
  if (result.status === 'replayed') {
    await revokeGrant(ctx, result.grantId);
    ctx.deps.logger.warn('code_replayed', { grantId: result.grantId });
    throw new OAuthError('invalid_grant', 'The authorization code was already used; the tokens it issued are revoked.');
  }
  throw new OAuthError('invalid_grant', 'The authorization code is invalid or has expired.');
}
