import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { randomBytesPooled } from './random-pool.js';

/**
 * Sealing: AES-256-GCM with key ids, for the few values Gatehouse must read back (upstream tokens,
 * private signing keys). Format: `v1.<kid>.<iv>.<ciphertext+tag>`,
 * each part base64url. Several keys can open; the first one seals, so a new key is rolled in by
 * putting it first and an old one retired once nothing sealed with it remains.
 */
export interface SealingKey {
  kid: string;
  /** 32 bytes. */
  key: Buffer;
}

export interface Sealer {
  /** Encrypts `plaintext`; `aad` (e.g. the record's identity) must be given again to open. */
  seal(plaintext: string, aad?: string): string;
  /** Decrypts; throws `SealError` on a wrong key, a wrong `aad`, or any tampering. */
  open(sealed: string, aad?: string): string;
  /** The kid that seals (the first key). */
  readonly sealingKid: string;
}

/** Opening failed: unknown key id, malformed value, or authentication failure. */
export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function createSealer(keys: readonly SealingKey[]): Sealer {
  const first = keys[0];
  if (!first) throw new Error('a sealer needs at least one key');
  const byKid = new Map<string, Buffer>();
  for (const { kid, key } of keys) {
    if (!KID_PATTERN.test(kid)) throw new Error(`sealing key id "${kid}" must be 1-64 of [A-Za-z0-9_-]`);
    if (key.length !== 32) throw new Error(`sealing key "${kid}" must be 32 bytes, got ${key.length}`);
    if (byKid.has(kid)) throw new Error(`sealing key id "${kid}" appears twice`);
    byKid.set(kid, key);
  }

  return {
    sealingKid: first.kid,
    seal(plaintext, aad) {
      const iv = randomBytesPooled(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', first.key, iv);
      cipher.setAAD(additionalData(first.kid, aad));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, first.kid, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, aad) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new SealError('not a sealed value');
      const [, kid, ivPart, bodyPart] = parts as [string, string, string, string];
      const key = byKid.get(kid);
      if (!key) throw new SealError(`sealed with unknown key id "${kid}"`);
      const iv = Buffer.from(ivPart, 'base64url');
      const body = Buffer.from(bodyPart, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SealError('malformed sealed value');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(additionalData(kid, aad));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('sealed value failed authentication');
      }
    },
  };
}

/** The kid is authenticated too, so a value cannot be re-labelled to another key. */
function additionalData(kid: string, aad: string | undefined): Buffer {
  return Buffer.from(`${VERSION}.${kid}.${aad ?? ''}`, 'utf8');
}

/**
 * Parses `kid:base64urlKey,kid2:key2` (the sealing-keys environment variable). Throws a plain
 * `Error` describing the problem; the caller names the variable.
 */
export function parseSealingKeys(value: string): SealingKey[] {
  const entries = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (entries.length === 0) throw new Error('holds no key (expected kid:base64urlKey[,kid:key…])');
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error(`entry "${entry.slice(0, 8)}…" is not kid:base64urlKey`);
    const kid = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!/^[A-Za-z0-9_-]+$/.test(encoded)) throw new Error(`key "${kid}" is not base64url`);
    const key = Buffer.from(encoded, 'base64url');
    if (key.length !== 32) throw new Error(`key "${kid}" must decode to 32 bytes, got ${key.length}`);
    return { kid, key };
  });
}

/** Formats keys the way `parseSealingKeys` reads them. */
export function formatSealingKeys(keys: readonly SealingKey[]): string {
  return keys.map(({ kid, key }) => `${kid}:${key.toString('base64url')}`).join(',');
}

/** A fresh random key. */
export function generateSealingKey(kid: string): SealingKey {
  return { kid, key: randomBytes(32) };
}
