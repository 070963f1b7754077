import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { TokensConfig } from '../../config/sections/tokens.js';

export type SigningAlg = TokensConfig['signingAlg'];

export interface GeneratedKey {
  kid: string;
  alg: SigningAlg;
  publicJwk: JWK;
  privateJwk: JWK;
}

/**
 * A fresh key pair for `alg`. The kid is the RFC 7638 thumbprint: unique without coordination
 * between instances, and derived from the key so it can never label another one.
 */
export async function generateSigningKey(alg: SigningAlg): Promise<GeneratedKey> {
  const pair = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  const publicJwk = await exportJWK(pair.publicKey);
  const privateJwk = await exportJWK(pair.privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, alg, publicJwk, privateJwk };
}
