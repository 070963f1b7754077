import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { OAuthError } from '../../errors/oauth-error.js';
import type { ClientRecord } from '../../store/contract.js';

/**
 * Where a `private_key_jwt` client's public keys come from. Inline `jwks` is read directly; a
 * `jwks_uri` needs a fetcher that is safe against SSRF (`safeJwksFetcher`), never a plain `fetch`.
 */
export type ClientKeyResolver = (client: ClientRecord) => Promise<JWTVerifyGetKey>;

export function clientKeyResolver(fetchJwks: (uri: string) => Promise<JSONWebKeySet>): ClientKeyResolver {
  return async (client) => {
    if (client.jwks) return createLocalJWKSet(client.jwks as JSONWebKeySet);
    if (client.jwksUri) {
      let jwks: JSONWebKeySet;
      try {
        jwks = await fetchJwks(client.jwksUri);
      } catch (cause) {
        throw new OAuthError('invalid_client', "The client's jwks_uri could not be fetched.", { cause });
      }
      return createLocalJWKSet(jwks);
    }
    throw new OAuthError('invalid_client', 'The client has no usable public keys for private_key_jwt.');
  };
}
