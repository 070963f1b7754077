import { OAuthError } from '../../errors/oauth-error.js';

/**
 * OAuth 2.1 §4.1.3: the redirect_uri sent with the code must be the very string the
 * authorization request used (no normalisation: a different string is a different URI).
 */
export function checkRedirectUri(sent: string | undefined, bound: string): void {
  if (sent === undefined) throw new OAuthError('invalid_request', 'redirect_uri is required.');
  if (sent !== bound) throw new OAuthError('invalid_grant', 'redirect_uri does not match the authorization request.');
}
