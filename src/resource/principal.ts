/**
 * Who is calling `/mcp`, as established by a verifier. Tools never see the token's format: a JWT,
 * an opaque token and an API key all become a `Principal`.
 */
export interface Principal {
  /** The user (JWT `sub`, introspection `sub`, the store's `userId`) or `api-key:<label>`. */
  subject: string;
  /** The OAuth client the token was issued to (for API keys: the key's label). */
  clientId: string;
  scopes: string[];
  /** The audiences (RFC 8707 resources) the token was issued for. */
  audience: string[];
  /** Epoch milliseconds; absent only for API keys, which live until removed from config. */
  expiresAt?: number;
  kind: 'jwt' | 'opaque' | 'api-key';
  /** The API key's label. */
  label?: string;
  /** The grant (token family) the token belongs to, when the issuer says (`gid` claim). */
  grantId?: string;
}

/**
 * Turns a presented token into a `Principal`, or throws `OAuthError('invalid_token')`. Any
 * verifier fits behind the guard: JWT (local keys or JWKS), opaque (store lookup or RFC 7662
 * introspection), static API keys, or one of your own.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /**
   * Asked on every use of a cached principal, so a cache never outlives a revocation: verifiers
   * whose tokens can be revoked before `exp` (a JWT whose grant was revoked) answer here.
   */
  stillValid?(principal: Principal): Promise<boolean>;
  /** Upper bound on how long a verification may be reused (introspection's cache bound). */
  maxCacheMs?: number;
}
