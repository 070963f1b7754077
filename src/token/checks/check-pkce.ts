import { hash } from 'node:crypto';
import { constantTimeEqual } from '../../crypto/hash.js';
import { OAuthError } from '../../errors/oauth-error.js';

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * PKCE with S256 only (OAuth 2.1 §4.1.3): every code was issued against a challenge, so a
 * missing or malformed verifier is refused before it is compared.
 */
export function checkPkce(verifier: string | undefined, codeChallenge: string): void {
  if (verifier === undefined) throw new OAuthError('invalid_grant', 'code_verifier is required.');
  if (!VERIFIER.test(verifier)) {
    throw new OAuthError('invalid_grant', 'code_verifier must be 43-128 characters of [A-Za-z0-9-._~].');
  }
  // The grammar above is ASCII, so the UTF-8 bytes `hash` digests are the ASCII ones.
  const computed = hash('sha256', verifier, 'base64url');
  if (!constantTimeEqual(computed, codeChallenge)) {
    throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge.');
  }
}
