import { constantTimeEqual, hashSecret, newSecret } from '../../crypto/hash.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Principal, TokenVerifier } from '../principal.js';

/** Every Gatehouse API key starts with this, so the guard sends it here without JWT parsing. */
export const API_KEY_PREFIX = 'ghk_';

export interface ApiKey {
  label: string;
  /** `hashSecret(key)`. */
  hash: string;
  scopes: string[];
  revoked?: boolean;
}

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** A new key and the config entry that accepts it; the key itself is shown once and never kept. */
export function generateApiKey(label: string, scopes: string[]): { key: string; entry: ApiKey } {
  const key = newSecret(API_KEY_PREFIX);
  return { key, entry: { label, hash: hashSecret(key), scopes } };
}

/**
 * Tier 1 static API keys. The presented key's digest is compared with every configured digest in
 * constant time and without stopping at a match, so timing tells nothing about which or how many
 * keys exist. A key is bound to this resource by configuration, so its audience is `resource`.
 */
export function apiKeyVerifier(keys: readonly ApiKey[], resource: string): TokenVerifier {
  return {
    async verify(token) {
      const digest = hashSecret(token);
      let found: ApiKey | undefined;
      for (const key of keys) {
        if (constantTimeEqual(digest, key.hash) && !found) found = key;
      }
      if (!found || found.revoked) throw new OAuthError('invalid_token', 'The API key is unknown or revoked.');
      const principal: Principal = {
        subject: `api-key:${found.label}`,
        clientId: found.label,
        scopes: [...found.scopes],
        audience: [resource],
        kind: 'api-key',
        label: found.label,
      };
      return principal;
    },
  };
}
