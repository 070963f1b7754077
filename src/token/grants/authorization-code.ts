import type { ClientRecord, CodeRecord, GrantRecord } from '../../store/contract.js';
import { checkClientOwns } from '../checks/check-client-owns.js';
import { checkPkce } from '../checks/check-pkce.js';
import { checkRedirectUri } from '../checks/check-redirect-uri.js';
import { checkResource } from '../checks/check-resource.js';
import { checkNoConcurrentReplay, redeemCode } from '../checks/redeem-code.js';
import type { TokenContext, TokenSubject } from '../context.js';
import { requireParam, type Form } from '../form.js';
import { commitAccessToken, issueAccessToken } from '../issue/access-token.js';
import { newRefreshToken } from '../issue/refresh-token.js';
import { tokenResponse, tokenResponseBody } from '../issue/token-response.js';

/**
 * `grant_type=authorization_code` (OAuth 2.1 §4.1.3). The code is spent first, so any later
 * failure still leaves it unusable.
 */
export async function authorizationCodeGrant(ctx: TokenContext, form: Form, client: ClientRecord): Promise<Response> {
  const code = await redeemCode(ctx, requireParam(form, 'code'));
  checkClientOwns(client.clientId, code.clientId, 'authorization code');
  checkRedirectUri(form.get('redirect_uri'), code.redirectUri);
  checkPkce(form.get('code_verifier'), code.codeChallenge);
  checkResource(form, code.resource);

  const grant = await createGrant(ctx, code);
  const subject: TokenSubject = { grantId: grant.grantId, userId: grant.userId, clientId: grant.clientId, scopes: grant.scopes, resource: grant.resource };
  const access = await issueAccessToken(ctx, subject);
  await commitAccessToken(ctx, access);
  const refresh = client.grantTypes.includes('refresh_token') ? newRefreshToken(ctx, subject, grant.expiresAt) : undefined;
  if (refresh) await ctx.deps.store.saveRefreshToken(refresh.hash, refresh.record);
  await checkNoConcurrentReplay(ctx, grant.grantId);
  return tokenResponse(tokenResponseBody(access, grant.scopes, refresh?.token));
}

/** The token family starts here: its absolute end bounds every refresh token it will have. */
async function createGrant(ctx: TokenContext, code: CodeRecord): Promise<GrantRecord> {
  const now = ctx.deps.now();
  const grant: GrantRecord = {
    grantId: code.grantId,
    userId: code.userId,
    clientId: code.clientId,
    scopes: code.scopes,
    resource: code.resource,
    createdAt: now,
    expiresAt: now + ctx.tokens.grantTtl * 1000,
  };
  await ctx.deps.store.saveGrant(grant);
  return grant;
}
