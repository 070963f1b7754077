import type { AppDeps } from '../app/deps.js';
import { hashSecret, newGrantId, newSecret } from '../crypto/hash.js';
import { authorizationResponseUrl } from './authorization-response.js';
import type { AuthorizationRequest } from './request.js';
import type { BrowserSession } from './session.js';

/**
 * The end of a successful authorization: a random 256-bit code, stored only as its digest with
 * a new grant id and a lifetime of at most a minute, and the redirect URL that carries it.
 */
export async function issueCode(
  deps: AppDeps,
  request: AuthorizationRequest,
  user: NonNullable<BrowserSession['user']>,
): Promise<string> {
  const code = newSecret();
  const now = deps.now();
  await deps.store.saveCode(hashSecret(code), {
    clientId: request.clientId,
    userId: user.userId,
    grantId: newGrantId(now),
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: 'S256',
    scopes: request.scopes,
    resource: request.resource,
    authTime: user.authTime,
    expiresAt: now + deps.config.authorizationServer.authorize.codeTtl * 1000,
  });
  deps.logger.info('authorization_code_issued', { clientId: request.clientId, userId: user.userId, scopes: request.scopes });
  return authorizationResponseUrl(request.redirectUri, { code, state: request.state }, deps.urls.issuer);
}
