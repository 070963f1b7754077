import { OAuthError } from '../../errors/oauth-error.js';

/** A code or refresh token is usable only by the client it was issued to (RFC 6749 §4.1.3, §6). */
export function checkClientOwns(authenticatedClientId: string, issuedTo: string, what: string): void {
  if (authenticatedClientId !== issuedTo) {
    throw new OAuthError('invalid_grant', `The ${what} was issued to another client.`);
  }
}
