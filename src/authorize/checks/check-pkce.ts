import { OAuthError } from '../../errors/oauth-error.js';
import type { AuthorizeContext } from '../context.js';

// BASE64URL(SHA256(verifier)) is always 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * PKCE with S256 for every client. OAuth 2.1 reads an absent `code_challenge_method` as
 * `plain`, so the method must be stated: absent and `plain` are both refused.
 */
export function checkPkce(ctx: AuthorizeContext): void {
  const challenge = ctx.params.one('code_challenge');
  const method = ctx.params.one('code_challenge_method');
  if (challenge === undefined) throw new OAuthError('invalid_request', 'PKCE is required: the request has no code_challenge.');
  if (method !== 'S256') {
    throw new OAuthError('invalid_request', 'code_challenge_method must be S256 (plain, or no method, is not accepted).');
  }
  if (!S256_CHALLENGE.test(challenge)) {
    throw new OAuthError('invalid_request', 'code_challenge must be a base64url SHA-256 digest (43 characters).');
  }
  ctx.codeChallenge = challenge;
}
