import type { KeyObject } from 'node:crypto';
import type { SigningAlg } from './generate-signing-key.js';
import { signInThread } from './thread-signer.js';

/** node:crypto's digest and signature encoding for each JWS alg (RFC 7518 §3.3, §3.4; RFC 8037). */
const SIGNATURE: Readonly<Record<SigningAlg, { digest: string | null; dsaEncoding?: 'ieee-p1363' }>> = {
  ES256: { digest: 'sha256', dsaEncoding: 'ieee-p1363' },
  RS256: { digest: 'sha256' },
  EdDSA: { digest: null },
};

/**
 * A JWS in compact serialization (RFC 7515 §7.1), signed with node:crypto in the signing thread
 * (`thread-signer.ts`).
 *
 * Why not jose, which verifies every token here: jose 6 signs only through WebCrypto, whose
 * promise job, algorithm normalisation and key checks cost ≈33 µs of event-loop time and ≈64 µs
 * of CPU per ES256 token; node:crypto signs the same in ≈27 µs of CPU (docs/performance.md).
 * Signing is the easy half of JOSE: two base64url-encoded JSON objects and one signature over
 * them; the tests verify what this produces with jose for every alg.
 */
export async function signCompactJws(alg: SigningAlg, key: KeyObject, header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  const input = `${base64url({ ...header, alg })}.${base64url(payload)}`;
  const { digest, dsaEncoding } = SIGNATURE[alg];
  return `${input}.${await signInThread({ digest, ...(dsaEncoding && { dsaEncoding }), key, input })}`;
}

const base64url = (value: Record<string, unknown>) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
