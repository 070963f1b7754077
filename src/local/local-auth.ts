import * as oauth from 'oauth4webapi';
import { LocalSignInError } from '../errors/local-sign-in-error.js';
import { clientAuth, clientOf, requestOptions } from '../upstream/providers/oauth-client.js';
import { UpstreamRefreshRejected, type UpstreamIdentity, type UpstreamTokens } from '../upstream/providers/types.js';
import { unreachable } from './flows/errors.js';
import type { LocalProvider } from './provider.js';
import { withEntryLock } from './refresh-lock.js';
import type { EntryKey, StoredSignIn, TokenStore } from './token-store/types.js';

/** What a tool gets: the provider's access token, for calls to that provider only. */
export interface LocalAccessToken {
  provider: string;
  accessToken: string;
  tokenType: string;
  expiresAt?: number;
  identity: UpstreamIdentity;
}

export interface LocalAuthStatus {
  signedIn: boolean;
  provider: string;
  account: string;
  where: string;
  identity?: UpstreamIdentity;
  expiresAt?: number;
  hasRefreshToken?: boolean;
}

/** How sign-out went at the provider (the local entry is gone either way). */
export type RevocationOutcome = 'revoked' | 'not_supported' | 'failed' | 'nothing_to_revoke';

export interface LocalAuth {
  readonly provider: LocalProvider;
  readonly key: EntryKey;
  /** A usable access token; refreshed first (once, across calls and processes) when it is about to expire. */
  accessToken(): Promise<LocalAccessToken>;
  /** Keeps the tokens of a finished sign-in. */
  save(result: { tokens: UpstreamTokens; identity: UpstreamIdentity }): Promise<void>;
  /** Deletes the entry, then revokes at the provider (RFC 7009) where it can. */
  signOut(): Promise<{ removed: boolean; revocation: RevocationOutcome }>;
  status(): Promise<LocalAuthStatus>;
}

export interface LocalAuthOptions {
  server: string;
  provider: LocalProvider;
  /** Default `default`: a second account at the same provider gets a name of its own. */
  account?: string;
  /** The keychain (or the opted-in file), opened on first use: a server starts without one. */
  store: () => Promise<TokenStore>;
  /** Where the lock files live (no secret there). */
  lockDir: string;
  refreshSkewMs?: number;
  now?: () => number;
}

const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The signed-in state of one provider and account for a local server. An expired token is
 * refreshed once however many tool calls ask at the same moment: calls in this process share one
 * promise, and across processes an entry lock decides who refreshes while the others wait and
 * re-read. A rotated refresh token is written to the store before the new access token is used.
 */
export function createLocalAuth(options: LocalAuthOptions): LocalAuth {
  const { provider } = options;
  const opened = options.store;
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? 60_000;
  const account = options.account ?? 'default';
  if (!ACCOUNT.test(account)) throw new LocalSignInError('not_configured', `The account name "${account.slice(0, 70)}" must be 1-64 of A-Z a-z 0-9 . _ -.`);
  const key: EntryKey = { server: options.server, provider: provider.name, account };
  const locked = <T>(work: () => Promise<T>) => withEntryLock(options.lockDir, key, work);
  const stale = (entry: StoredSignIn) => entry.tokens.expiresAt !== undefined && entry.tokens.expiresAt - skew <= now();
  let inFlight: Promise<StoredSignIn> | undefined;

  const notSignedIn = () =>
    new LocalSignInError('sign_in_required', `You are not signed in to ${provider.name}${account === 'default' ? '' : ` (account ${account})`}. Sign in first.`);
  const signInAgain = (why: string) =>
    new LocalSignInError('sign_in_again', `${provider.name} no longer accepts the saved sign-in (${why}): sign in again.`);

  async function refreshLocked(): Promise<StoredSignIn> {
    const store = await opened();
    return locked(async () => {
      // Another call or process may have refreshed while this one waited for the lock.
      const current = await store.read(key);
      if (!current) throw notSignedIn();
      if (!stale(current)) return current;
      const refreshToken = current.tokens.refreshToken;
      if (!refreshToken) {
        await store.delete(key);
        throw signInAgain('the token expired and there is no refresh token');
      }
      let tokens: UpstreamTokens;
      try {
        tokens = await provider.upstream.refresh(refreshToken);
      } catch (cause) {
        if (cause instanceof UpstreamRefreshRejected) {
          await store.delete(key);
          throw signInAgain(cause.upstreamError);
        }
        throw unreachable(provider.name, cause);
      }
      const next: StoredSignIn = { v: 1, tokens, identity: current.identity, savedAt: now() };
      await store.write(key, next);
      return next;
    });
  }

  async function fresh(): Promise<StoredSignIn> {
    const store = await opened();
    const entry = await store.read(key);
    if (!entry) throw notSignedIn();
    if (!stale(entry)) return entry;
    inFlight ??= refreshLocked().finally(() => (inFlight = undefined));
    return inFlight;
  }

  async function revoke(tokens: UpstreamTokens): Promise<RevocationOutcome> {
    let as: oauth.AuthorizationServer;
    try {
      as = await provider.upstream.authorizationServer();
    } catch {
      return 'failed';
    }
    if (!as.revocation_endpoint) return 'not_supported';
    const client = clientOf(provider.settings);
    const revokeOne = async (token: string, hint: string) => {
      const response = await oauth.revocationRequest(as, client, clientAuth(provider.settings), token, { ...requestOptions(as), additionalParameters: { token_type_hint: hint } });
      await oauth.processRevocationResponse(response);
    };
    try {
      // The refresh token first: revoking it ends the grant, and with it the access token.
      if (tokens.refreshToken) await revokeOne(tokens.refreshToken, 'refresh_token');
      await revokeOne(tokens.accessToken, 'access_token');
      return 'revoked';
    } catch {
      return 'failed';
    }
  }

  return {
    provider,
    key,
    async accessToken() {
      const entry = await fresh();
      return {
        provider: provider.name,
        accessToken: entry.tokens.accessToken,
        tokenType: entry.tokens.tokenType,
        identity: entry.identity,
        ...(entry.tokens.expiresAt !== undefined ? { expiresAt: entry.tokens.expiresAt } : {}),
      };
    },
    async save({ tokens, identity }) {
      const store = await opened();
      await locked(() => store.write(key, { v: 1, tokens, identity, savedAt: now() }));
    },
    async signOut() {
      const store = await opened();
      const entry = await locked(async () => {
        const current = await store.read(key);
        const removed = await store.delete(key);
        return removed ? current : undefined;
      });
      if (!entry) return { removed: false, revocation: 'nothing_to_revoke' };
      return { removed: true, revocation: await revoke(entry.tokens) };
    },
    async status() {
      const store = await opened();
      const entry = await store.read(key);
      const where = store.describe(key);
      if (!entry) return { signedIn: false, provider: provider.name, account, where };
      return {
        signedIn: true,
        provider: provider.name,
        account,
        where,
        identity: entry.identity,
        hasRefreshToken: entry.tokens.refreshToken !== undefined,
        ...(entry.tokens.expiresAt !== undefined ? { expiresAt: entry.tokens.expiresAt } : {}),
      };
    },
  };
}
