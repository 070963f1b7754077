import { hashSecret } from '../../crypto/hash.js';
import type { ClientRecord, CodeRecord, GrantRecord } from '../../store/contract.js';
import { checkClientOwns } from '../checks/check-client-owns.js';
import { checkPkce } from '../checks/check-pkce.js';
import { checkRedirectUri } from '../checks/check-redirect-uri.js';
import { checkResource } from '../checks/check-resource.js';
import { findLiveCode, redeemCode, spendOnFailure } from '../checks/redeem-code.js';
import type { TokenContext, TokenSubject } from '../context.js';
import { requireParam, type Form } from '../form.js';
import { issueAccessToken } from '../issue/access-token.js';
import { newRefreshToken } from '../issue/refresh-token.js';
import { tokenResponse, tokenResponseBody } from '../issue/token-response.js';

/**
 * `grant_type=authorization_code` (OAuth 2.1 §4.1.3). The checks run on a read of the code; a
 * failed check spends it. The tokens are made before anything is written, then one atomic store
 * operation spends the code and saves the grant with them: a client never holds tokens of a
 * grant that is not saved, and a replay always finds the grant to revoke.
 */
export async function authorizationCodeGrant(ctx: TokenContext, form: Form, client: ClientRecord): Promise<Response> {
  const codeHash = hashSecret(requireParam(form, 'code'));
  const code = await findLiveCode(ctx, codeHash);
  await spendOnFailure(ctx, codeHash, () => {
    checkClientOwns(client.clientId, code.clientId, 'authorization code');
    checkRedirectUri(form.get('redirect_uri'), code.redirectUri);
    checkPkce(form.get('code_verifier'), code.codeChallenge);
    checkResource(form, code.resource);
  });

  const grant = newGrant(ctx, code);
  const subject: TokenSubject = { grantId: grant.grantId, userId: grant.userId, clientId: grant.clientId, scopes: grant.scopes, resource: grant.resource };
  const access = await issueAccessToken(ctx, subject);
  const refresh = client.grantTypes.includes('refresh_token') ? newRefreshToken(ctx, subject, grant.expiresAt) : undefined;
  // The store is given digests and records only, never the tokens themselves.
  await redeemCode(ctx, codeHash, { grant, refresh: refresh && { hash: refresh.hash, record: refresh.record }, access: access.opaque });
  if (refresh) ctx.issuedRefresh.remember(refresh.hash, refresh.record);
  return tokenResponse(tokenResponseBody(access, grant.scopes, refresh?.token));
}

/** The token family starts here: its absolute end bounds every refresh token it will have. */
function newGrant(ctx: TokenContext, code: CodeRecord): GrantRecord {
  const now = ctx.deps.now();
  return {
    grantId: code.grantId,
    userId: code.userId,
    clientId: code.clientId,
    scopes: code.scopes,
    resource: code.resource,
    createdAt: now,
    expiresAt: now + ctx.tokens.grantTtl * 1000,
  };
}
