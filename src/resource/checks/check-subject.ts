import { OAuthError } from '../../errors/oauth-error.js';
import type { Principal } from '../principal.js';

/**
 * Sessions, per-user data and logs are keyed by the subject, so a token that names nobody (a
 * JWT `sub` that is empty or not a string, an introspection answer with neither `sub` nor
 * `client_id`) must not become a principal that shares one key with every other such token.
 */
export function checkSubject(principal: Principal): void {
  if (typeof principal.subject !== 'string' || principal.subject === '') {
    throw new OAuthError('invalid_token', 'The access token names no subject.');
  }
}
