import type { AppDeps } from '../app/deps.js';
import type { TokensConfig } from '../config/sections/tokens.js';
import type { GrantStatus } from './grant-status.js';
import type { IssuedRefreshTokens } from './issued-refresh-tokens.js';
import type { KeySet } from './keys/key-set.js';

/** What every grant and token builder needs; built once by `createTokenService`. */
export interface TokenContext {
  deps: AppDeps;
  tokens: TokensConfig;
  keys: KeySet;
  grants: GrantStatus;
  /** Records of the refresh tokens this instance issued: the next rotation need not read them. */
  issuedRefresh: IssuedRefreshTokens;
}

/** Who and what a token speaks for: the grant's identity, narrowed to the scopes being issued. */
export interface TokenSubject {
  grantId: string;
  userId: string;
  clientId: string;
  scopes: string[];
  resource: string;
}
