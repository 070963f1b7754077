import { OAuthError } from '../../errors/oauth-error.js';
import type { Principal } from '../principal.js';

/**
 * Applied to every principal, fresh or cached, so no verifier (including one written by a user of
 * the library) can let an expired token through. Tolerance covers clock skew with the issuer.
 */
export function checkExpiry(principal: Principal, now: number, toleranceMs: number): void {
  if (principal.expiresAt !== undefined && principal.expiresAt + toleranceMs <= now) {
    throw new OAuthError('invalid_token', 'The access token has expired.');
  }
}
