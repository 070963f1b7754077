import type { UpstreamIdentity, UpstreamTokens } from '../../upstream/providers/types.js';

/** Which entry: one per local server, provider and account. */
export interface EntryKey {
  server: string;
  provider: string;
  account: string;
}

/** What one entry holds (as JSON): the provider's tokens and who they belong to. */
export interface StoredSignIn {
  v: 1;
  tokens: UpstreamTokens;
  identity: UpstreamIdentity;
  /** Epoch ms of the last write. */
  savedAt: number;
}

/** Where a local server keeps its users' upstream tokens: the OS keychain, or an opted-in encrypted file. */
export interface TokenStore {
  readonly kind: 'keychain' | 'encrypted-file';
  /** Where an entry lives, in words for `gatehouse local status` (no secret in it). */
  describe(key: EntryKey): string;
  read(key: EntryKey): Promise<StoredSignIn | undefined>;
  write(key: EntryKey, value: StoredSignIn): Promise<void>;
  /** True when an entry was there. */
  delete(key: EntryKey): Promise<boolean>;
}

/** The keychain's service name for a local server. */
export const serviceName = (server: string) => `gatehouse-local:${server}`;
/** The keychain's account name of an entry. */
export const accountName = (key: EntryKey) => `${key.provider}:${key.account}`;

/** Parses an entry's JSON; anything else is treated as no entry (and overwritten by the next sign-in). */
export function parseStored(text: string): StoredSignIn | undefined {
  try {
    const value = JSON.parse(text) as StoredSignIn;
    return value?.v === 1 && typeof value.tokens?.accessToken === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
