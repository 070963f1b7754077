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
import { openGraceAnswer, sealGraceAnswer } from './refresh-grace.js';

/**
 * `grant_type=refresh_token` with rotation and reuse detection (OAuth 2.1 §4.3.1, RFC 9700
 * §4.14.2). The whole answer is built before the compare-and-set so that an exact duplicate
 * arriving within the grace window gets the very same tokens instead of a reuse verdict.
 */
export async function refreshTokenGrant(ctx: TokenContext, form: Form, client: ClientRecord): Promise<Response> {
  const { store } = ctx.deps;
  const presented = requireParam(form, 'refresh_token');
  const oldHash = hashSecret(presented);
  const now = ctx.deps.now();
  // A token this instance issued needs no read: the compare-and-set below decides if it is live.
  const remembered = ctx.issuedRefresh.take(oldHash);
  const current = remembered ?? (await store.getRefreshToken(oldHash, now));
  if (!current) return spent(ctx, presented, oldHash, client, now);

  const checked = await checkRequest(ctx, form, client, current, now).catch(async (error: unknown) => {
    // A remembered token may have been rotated or revoked since (by another instance): then the
    // verdict is the spent token's (reuse revokes the grant), as a read from the store gives it.
    if (remembered && !(await store.getRefreshToken(oldHash, now))) return undefined;
    throw error;
  });
  if (!checked) return spent(ctx, presented, oldHash, client, now);
  const { family, scopes } = checked;

  const subject: TokenSubject = { grantId: current.grantId, userId: family.userId, clientId: client.clientId, scopes, resource: current.resource };
  const access = await issueAccessToken(ctx, subject);
  // The refresh token keeps the grant's full scope: down-scoping narrows this access token only.
  const next = newRefreshToken(ctx, { ...subject, scopes: current.scopes }, family.expiresAt);
  const body = tokenResponseBody(access, scopes, next.token);
  // An opaque access token is saved by the swap itself: a duplicate answered from the grace
  // window finds it there, and a lost race leaves none behind.
  const result = await store.rotateRefreshToken(oldHash, {
    nextHash: next.hash,
    next: next.record,
    sealedResponse: sealGraceAnswer(presented, oldHash, client.clientId, body),
    graceMs: ctx.tokens.refreshGraceWindow * 1000,
    access: access.opaque,
    now,
  });
  if (result.status !== 'rotated') return settle(ctx, result, presented, oldHash, client);
  ctx.issuedRefresh.remember(next.hash, next.record);
  return tokenResponse(body);
}

/** The caller owns the token, `resource` matches and `scope` only narrows; whose family it is. */
async function checkRequest(ctx: TokenContext, form: Form, client: ClientRecord, current: RefreshTokenRecord, now: number) {
  checkClientOwns(client.clientId, current.clientId, 'refresh token');
  const family = await familyOf(ctx, current, now);
  checkResource(form, current.resource);
  return { family, scopes: narrowScopes(form, current.scopes) };
}

/** The verdict on a token that is not live: a duplicate within the grace window, reuse, or unknown. */
async function spent(ctx: TokenContext, presented: string, oldHash: string, client: ClientRecord, now: number): Promise<Response> {
  return settle(ctx, await probeSpentToken(ctx, oldHash, client, now), presented, oldHash, client);
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
    sealedResponse: '',
    graceMs: 0,
    now,
  });
}

async function settle(ctx: TokenContext, result: RotateRefreshResult, presented: string, oldHash: string, client: ClientRecord): Promise<Response> {
  switch (result.status) {
    case 'grace':
      return tokenResponse(openGraceAnswer(presented, oldHash, result.sealedResponse, client.clientId));
    case 'reuse':
      await revokeGrant(ctx, result.grantId);
      ctx.deps.logger.warn('refresh_token_reuse', { grantId: result.grantId, clientId: client.clientId });
      throw new OAuthError('invalid_grant', 'The refresh token was already used; the grant is revoked.');
    default:
      throw new OAuthError('invalid_grant', 'The refresh token is invalid, expired or revoked.');
  }
}
