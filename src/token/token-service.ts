import type { AppDeps } from '../app/deps.js';
import type { Sealer } from '../crypto/sealer.js';
import type { TokenContext } from './context.js';
import { createGrantStatus, type GrantStatus } from './grant-status.js';
import { createKeySet, type KeySet } from './keys/key-set.js';
import { createIssuedRefreshTokens } from './issued-refresh-tokens.js';

/**
 * The token room's long-lived state, built once by the composition root and shared by the token
 * endpoints and the co-hosted guard: the signing keys (and their local JWKS) and the grant
 * revocation check.
 */
export interface TokenService {
  ctx: TokenContext;
  keys: KeySet;
  grants: GrantStatus;
  /** For the co-hosted guard: is the grant a JWT's `gid` names still live? Cached ≤ 2 s. */
  isGrantActive(grantId: string): Promise<boolean>;
}

export interface TokenServiceOptions {
  /** Seals the private signing keys at rest (see src/store/sealing-keys.ts). */
  sealer: Sealer;
}

export function createTokenService(deps: AppDeps, options: TokenServiceOptions): TokenService {
  const tokens = deps.config.authorizationServer.tokens;
  const keys = createKeySet({ store: deps.store, sealer: options.sealer, tokens, logger: deps.logger, now: deps.now });
  const grants = createGrantStatus(deps.store, deps.now);
  // Keys exist before the first token: a verifier that loaded the key list early would
  // otherwise meet an unknown kid and wait out its reload cool-down.
  keys.publicJwks().catch((error: Error) => deps.logger.error('signing_keys_unavailable', { message: error.message }));
  return {
    ctx: { deps, tokens, keys, grants, issuedRefresh: createIssuedRefreshTokens(deps.now) },
    keys,
    grants,
    isGrantActive: (grantId) => grants.isGrantActive(grantId),
  };
}
