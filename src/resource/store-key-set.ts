import { createLocalJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { KeyStore } from '../store/contract.js';

const REFRESH_MS = 5 * 60_000;
const UNKNOWN_KID_COOLDOWN_MS = 10_000;

/**
 * The co-hosted authorization server's public signing keys, read from the store (the same
 * records its JWKS endpoint publishes) instead of over HTTP. Reloaded every few minutes, and at
 * once (at most every 10 s) when a token names a key id not yet seen, so a rotation is picked up
 * without letting unknown-kid tokens hammer the store.
 */
export function storeKeySet(store: KeyStore, now: () => number = Date.now): JWTVerifyGetKey {
  let keySet: JWTVerifyGetKey | undefined;
  let kids = new Set<string>();
  let loadedAt = -Infinity;

  async function load(): Promise<void> {
    const records = await store.listSigningKeys();
    const keys = records.map((r) => ({ ...r.publicJwk, kid: r.kid, alg: r.alg }) as JWK);
    keySet = createLocalJWKSet({ keys });
    kids = new Set(records.map((r) => r.kid));
    loadedAt = now();
  }

  return async (header, token) => {
    const age = now() - loadedAt;
    const unknownKid = header.kid !== undefined && !kids.has(header.kid);
    if (!keySet || age > REFRESH_MS || (unknownKid && age > UNKNOWN_KID_COOLDOWN_MS)) await load();
    return keySet!(header, token);
  };
}
