import { sign, type KeyObject } from 'node:crypto';

/** One signature to make: `input` is the JWS signing input (ASCII). */
export interface SignJob {
  id: number;
  digest: string | null;
  dsaEncoding?: 'ieee-p1363';
  key: KeyObject;
  input: string;
}
export interface SignJobs {
  jobs: SignJob[];
}
export type SignResult = { id: number; signature: string } | { id: number; error: string };
export interface SignResults {
  results: SignResult[];
}

/** The signature (base64url), made at once; the signing thread and the fallback both sign with this. */
export function signNow({ digest, dsaEncoding, key, input }: Omit<SignJob, 'id'>): string {
  return sign(digest, Buffer.from(input, 'ascii'), dsaEncoding ? { key, dsaEncoding } : key).toString('base64url');
}
