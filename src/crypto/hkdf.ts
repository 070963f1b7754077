import { createHmac } from 'node:crypto';

const EMPTY_SALT = Buffer.alloc(32);
const FIRST_BLOCK = Buffer.from([1]);

/**
 * HKDF-SHA256 (RFC 5869) with an empty salt, for a 32-byte key: one HMAC to extract, one to
 * expand, since 32 bytes is a single output block. The bytes are those of
 * `hkdfSync('sha256', secret, '', info, 32)` (a test holds them equal); `hkdfSync` wraps its
 * inputs in key objects and validates them on every call, which cost more than twice as much on
 * the refresh path, where this runs once per rotation.
 */
export function hkdfSha256Block(secret: string, info: string): Buffer {
  const prk = createHmac('sha256', EMPTY_SALT).update(secret, 'utf8').digest();
  return createHmac('sha256', prk).update(info, 'utf8').update(FIRST_BLOCK).digest();
}
