import { createHmac } from 'node:crypto';
import { randomBase64url } from '../../crypto/random-pool.js';
import { OAuthError } from '../../errors/oauth-error.js';
import { REFRESH_PREFIX } from '../issue/refresh-token.js';

/** 128 random bits, base64url: what a rotation keeps with the spent token for its grace window. */
const SALT = /^[A-Za-z0-9_-]{22}$/;

export function newGraceSalt(): string {
  return randomBase64url(16);
}

/**
 * The refresh token a rotation hands out, derived from the *old* refresh token and the
 * rotation's salt: HMAC-SHA256 keyed with the salt over the old token (HKDF's extract step, RFC
 * 5869 §2.2: the token is the secret input, the salt public). Keyed with the token instead, a
 * token longer than a SHA-256 block (64 bytes) would be hashed into the key, and that hash is the
 * digest the store keeps.
 *
 * The store keeps the new token's digest and the salt, never the old token, so nobody reading it
 * can derive the new one; a client holding only the old token lacks the salt, which the store
 * gives back only for an exact duplicate within the grace window (`rotateRefreshToken` →
 * `grace`). That duplicate derives the token the winner received, so a host that fired two
 * refreshes at once ends with one live token, not a family cut in two. (This replaced sealing
 * the winner's whole response under a key derived from the old token: the same secrecy, without
 * an AES-GCM seal and ≈1 KB written on every rotation, docs/performance.md §12.)
 */
export function graceRefreshToken(oldToken: string, salt: string): string {
  // A salt written by an earlier Gatehouse (a sealed answer) derives a token nobody holds.
  if (!SALT.test(salt)) throw new OAuthError('invalid_grant', 'The refresh token is no longer valid.');
  return REFRESH_PREFIX + createHmac('sha256', salt).update('gatehouse refresh-grace ').update(oldToken, 'utf8').digest('base64url');
}
