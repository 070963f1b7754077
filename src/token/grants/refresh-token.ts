import { hashSecret, newSecret } from '../../crypto/hash.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { ClientRecord, RefreshTokenRecord, RotateRefreshResult } from '../../store/contract.js';
import { checkClientOwns } from '../checks/check-client-owns.js';
import { requireLiveGrant } from '../checks/check-grant-live.js';
import { checkResource } from '../checks/check-resource.js';
import { narrowScopes } from '../checks/check-scope.js';
import type { TokenContext, TokenSubject } from '../context.js';
import { requireParam, type Form } from '../form.js';
import { issueAccessToken } from '../issue/access-token.js';
import { newRefreshToken } from '../issue/refresh-token.js';
import { revokeGrant } from '../revoke-grant.js';
import { tokenResponse, tokenResponseBody } from '../issue/token-response.js';
import { graceRefreshToken, newGraceSalt } from './refresh-grace.js';

/**
 * `grant_type=refresh_token` with rotation and reuse detection (OAuth 2.1 §4.3.1, RFC 9700
 * §4.14.2). The new refresh token is derived from the old one and a salt the compare-and-set
 * keeps (`refresh-grace.ts`), so that an exact duplicate arriving within the grace window gets
 * the very same refresh token, and an access token of its own, instead of a reuse verdict.
 */
export async function refreshTokenGrant(ctx: TokenContext, form: Form, client: ClientRecord): Promise<Response> {
  const { store } = ctx.deps;
  const presented = requireParam(form, 'refresh_token');
  const oldHash = hashSecret(presented);
  const now = ctx.deps.now();
  // A token this instance issued needs no read: the compare-and-set below decides if it is live.
  const remembered = ctx.issuedRefresh.take(oldHash);
  const current = remembered ?? (await store.getRefreshToken(oldHash, now));
  if (!current) return spent(ctx, form, client, presented, oldHash, now);

  const checked = await checkRequest(ctx, form, client, current, now).catch(async (error: unknown) => {
    // A remembered token may have been rotated or revoked since (by another instance): then the
    // verdict is the spent token's (reuse revokes the grant), as a read from the store gives it.
    if (remembered && !(await store.getRefreshToken(oldHash, now))) return undefined;
    throw error;
  });
  if (!checked) return spent(ctx, form, client, presented, oldHash, now);
  const { family, scopes } = checked;

  const subject = subjectOf(current, family.userId, scopes);
  const access = await issueAccessToken(ctx, subject);
  const salt = newGraceSalt();
  // The refresh token keeps the grant's full scope: down-scoping narrows this access token only.
  const next = newRefreshToken(ctx, { ...subject, scopes: current.scopes }, family.expiresAt, graceRefreshToken(presented, salt));
  // An opaque access token is saved by the swap itself: a lost race leaves none behind.
  const result = await store.rotateRefreshToken(oldHash, {
    nextHash: next.hash,
    next: next.record,
    graceSalt: salt,
    graceMs: ctx.tokens.refreshGraceWindow * 1000,
    access: access.opaque,
    now,
  });
  if (result.status !== 'rotated') return settle(ctx, form, client, presented, result, now);
  ctx.issuedRefresh.remember(next.hash, next.record);
  return tokenResponse(tokenResponseBody(access, scopes, next.token));
}

/** Who the new access token speaks for: the token's grant and client, narrowed to `scopes`. */
function subjectOf(token: RefreshTokenRecord, userId: string, scopes: string[]): TokenSubject {
  return { grantId: token.grantId, userId, clientId: token.clientId, scopes, resource: token.resource };
}

/** The caller owns the token, `resource` matches and `scope` only narrows; whose family it is. */
async function checkRequest(ctx: TokenContext, form: Form, client: ClientRecord, current: RefreshTokenRecord, now: number) {
  checkClientOwns(client.clientId, current.clientId, 'refresh token');
  const family = await familyOf(ctx, current, now);
  checkResource(form, current.resource);
  return { family, scopes: narrowScopes(form, current.scopes) };
}

/** The verdict on a token that is not live: a duplicate within the grace window, reuse, or unknown. */
async function spent(ctx: TokenContext, form: Form, client: ClientRecord, presented: string, oldHash: string, now: number): Promise<Response> {
  return settle(ctx, form, client, presented, await probeSpentToken(ctx, oldHash, client, now), now);
}

/**
 * Whose family this is and when it ends: carried by the token itself (the rotation checks the
 * grant is still usable), or, for a token written before it carried them, read from the grant.
 */
async function familyOf(ctx: TokenContext, current: RefreshTokenRecord, now: number): Promise<{ userId: string; expiresAt: number }> {
  if (current.userId !== undefined && current.grantExpiresAt !== undefined) return { userId: current.userId, expiresAt: current.grantExpiresAt };
  return requireLiveGrant(ctx.deps.store, current.grantId, now);
}

/**
 * The token is not live, but was it rotated moments ago (grace), long ago (reuse) or never ours
 * (unknown)? Only the compare-and-set can say; it is given a `next` that is already expired so
 * that, whatever happens, it cannot create a usable token.
 */
async function probeSpentToken(ctx: TokenContext, oldHash: string, client: ClientRecord, now: number): Promise<RotateRefreshResult> {
  return ctx.deps.store.rotateRefreshToken(oldHash, {
    nextHash: hashSecret(newSecret()),
    next: { grantId: '', clientId: client.clientId, scopes: [], resource: '', createdAt: now, expiresAt: now },
    graceSalt: '',
    graceMs: 0,
    now,
  });
}

async function settle(ctx: TokenContext, form: Form, client: ClientRecord, presented: string, result: RotateRefreshResult, now: number): Promise<Response> {
  switch (result.status) {
    case 'grace':
      return graceAnswer(ctx, form, client, presented, result, now);
    case 'reuse':
      await revokeGrant(ctx, result.grantId);
      ctx.deps.logger.warn('refresh_token_reuse', { grantId: result.grantId, clientId: client.clientId });
      throw new OAuthError('invalid_grant', 'The refresh token was already used; the grant is revoked.');
    default:
      throw new OAuthError('invalid_grant', 'The refresh token is invalid, expired or revoked.');
  }
}

/**
 * An exact duplicate within the grace window: the same checks as a rotation, on the token the
 * winner spent; then the refresh token the winner received, derived again, and an access token
 * of its own (a signature is randomised, so the winner's JWT cannot be made again; nor is it
 * kept anywhere) that ends when the winner's does, so duplicates extend nothing. An opaque one is
 * saved here: the winner's swap saved only the winner's.
 */
async function graceAnswer(
  ctx: TokenContext,
  form: Form,
  client: ClientRecord,
  presented: string,
  grace: Extract<RotateRefreshResult, { status: 'grace' }>,
  now: number,
): Promise<Response> {
  const refreshToken = graceRefreshToken(presented, grace.graceSalt);
  const { family, scopes } = await checkRequest(ctx, form, client, grace.previous, now);
  const winnersEnd = grace.rotatedAt + ctx.tokens.accessTokenTtl * 1000;
  const access = await issueAccessToken(ctx, subjectOf(grace.previous, family.userId, scopes), winnersEnd);
  if (access.opaque) await ctx.deps.store.saveAccessToken(access.opaque.hash, access.opaque.record);
  return tokenResponse(tokenResponseBody(access, scopes, refreshToken));
}
