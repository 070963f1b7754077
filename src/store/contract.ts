/**
 * The storage contract: the atomic operations OAuth needs, not a generic key-value bag.
 *
 * Rules every backend keeps (the contract test-suite in `test/store/` checks each one):
 * - Every method is atomic on its own, across processes sharing the backend (SQL transaction or
 *   conditional UPDATE, Redis Lua/MULTI, a single-threaded critical section in memory).
 * - Secrets never arrive here in the clear: tokens, codes and client secrets come as digests
 *   (`hashSecret`), values that must be read back (upstream tokens, private keys) come sealed
 *   (AES-256-GCM, `src/crypto/sealer.ts`). A dump shows nothing usable.
 * - Times are epoch milliseconds. A record past its `expiresAt` is treated as absent by every
 *   read, whether or not `sweepExpired` has removed it yet. Methods without a `now` argument
 *   (`getClient`, `getGrant`, `listGrantsByUser`, `listSigningKeys`, `rememberOnce`) use the
 *   store's clock (`OpenStoreOptions.clock`, `Date.now` by default).
 * - A grant that is revoked or past its `expiresAt` kills every token that points at it: reads
 *   and rotations treat such tokens as absent even before they are deleted.
 * - Methods take and return plain JSON-serialisable records; backends may store them as JSON.
 */

/** How a client was introduced to this authorization server. */
export type ClientKind = 'preregistered' | 'dcr' | 'cimd';

export type TokenEndpointAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export interface ClientRecord {
  clientId: string;
  kind: ClientKind;
  clientName?: string;
  redirectUris: string[];
  grantTypes: string[];
  responseTypes: string[];
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** `hashSecret(client_secret)` for confidential clients. */
  secretHash?: string;
  /** Public JWKS (for `private_key_jwt`) or where to fetch it. */
  jwks?: { keys: unknown[] };
  jwksUri?: string;
  scope?: string;
  applicationType?: 'web' | 'native';
  clientUri?: string;
  logoUri?: string;
  /** The other RFC 7591 metadata, as registered, for display and for the registration response. */
  metadata: Record<string, unknown>;
  createdAt: number;
  /** DCR registrations that are never used expire; CIMD cache entries expire by HTTP caching. */
  expiresAt?: number;
  /** Last time the client completed an authorization (keeps DCR registrations alive). */
  lastUsedAt?: number;
}

/** An authorization code, stored under `hashSecret(code)`. */
export interface CodeRecord {
  clientId: string;
  userId: string;
  grantId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
  scopes: string[];
  /** The canonical RFC 8707 resource the tokens will be bound to. */
  resource: string;
  /** The `nonce` of an OIDC request, if any. */
  nonce?: string;
  authTime: number;
  expiresAt: number;
}

/**
 * A code that can no longer be exchanged. A used code leaves a tombstone until its original
 * expiry so a replay is told apart from an unknown code (and the caller can revoke the grant it
 * issued); an expired one is `unknown`.
 */
export type SpentCode = { status: 'replayed'; grantId: string } | { status: 'unknown' };

/** Result of `findCode` (a read; nothing changes). */
export type FindCodeResult = { status: 'live'; record: CodeRecord } | SpentCode;

/** Result of `consumeCode`: this call spent it, or it was spent or unknown already. */
export type ConsumeCodeResult = { status: 'consumed'; record: CodeRecord } | SpentCode;

/** Result of `exchangeCode`: this call spent the code and wrote the exchange, or wrote nothing. */
export type ExchangeCodeResult = { status: 'exchanged' } | SpentCode;

/** One user's authorization of one client for some scopes at one resource: the token family. */
export interface GrantRecord {
  grantId: string;
  userId: string;
  clientId: string;
  scopes: string[];
  resource: string;
  createdAt: number;
  /** Absolute end of the family: refresh tokens never outlive it. */
  expiresAt: number;
  revokedAt?: number;
}

/** A refresh token, stored under `hashSecret(token)`. */
export interface RefreshTokenRecord {
  grantId: string;
  clientId: string;
  scopes: string[];
  resource: string;
  createdAt: number;
  expiresAt: number;
  /**
   * The grant's user and absolute end, copied when the token is made, so that a rotation needs
   * no read of the grant (the rotation itself checks the grant is still usable). Absent in
   * tokens written before these fields existed: the grant is read instead.
   */
  userId?: string;
  grantExpiresAt?: number;
}

/** A token's digest and record, as one write. */
export interface HashedRecord<T> {
  hash: string;
  record: T;
}

/**
 * What a successful code exchange writes, in the same atomic step that spends the code: the
 * grant it starts (`grant.grantId` is the code's) and its first tokens.
 */
export interface CodeExchange {
  grant: GrantRecord;
  /** Absent for clients without the `refresh_token` grant. */
  refresh?: HashedRecord<RefreshTokenRecord>;
  /** An opaque access token (a JWT needs nothing stored). */
  access?: HashedRecord<AccessTokenRecord>;
}

export interface RotateRefreshInput {
  /** The new refresh token (digest + record) that replaces the old one. */
  nextHash: string;
  next: RefreshTokenRecord;
  /**
   * Random, kept with the spent token for the grace window. The new refresh token is derived from
   * the *old* one (which the store never sees) and this salt, so an exact duplicate within the
   * window, presenting the old token, derives the same new one; the salt alone derives nothing.
   */
  graceSalt: string;
  /** How long after this rotation an exact duplicate is answered (`grace`, with `graceSalt`). */
  graceMs: number;
  /** The new opaque access token, written only if this call rotates. */
  access?: HashedRecord<AccessTokenRecord>;
  now: number;
}

/**
 * Result of `rotateRefreshToken` (compare-and-set on the old token's state):
 * - `rotated`: this call won; the old token is now spent, `next` is live.
 * - `grace`: the old token was rotated less than `graceMs` ago; here are that rotation's
 *   `graceSalt` and time, and the old token's record (the caller derives the same new refresh
 *   token, and issues nothing that outlives what the rotation issued).
 * - `reuse`: the old token was already spent before the window: the caller must revoke the grant.
 * - `unknown`: no such token, expired, or its grant is revoked or over.
 */
export type RotateRefreshResult =
  | { status: 'rotated'; previous: RefreshTokenRecord }
  | { status: 'grace'; graceSalt: string; rotatedAt: number; previous: RefreshTokenRecord }
  | { status: 'reuse'; grantId: string }
  | { status: 'unknown' };

/** An opaque access token, stored under `hashSecret(token)`. */
export interface AccessTokenRecord {
  grantId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  resource: string;
  issuedAt: number;
  expiresAt: number;
}

/** A user's remembered approval of a client. */
export interface ConsentRecord {
  userId: string;
  clientId: string;
  scopes: string[];
  /** A digest of what the user saw (redirect URIs, auth method, keys): a change asks again. */
  clientFingerprint: string;
  grantedAt: number;
}

/** An upstream identity provider's tokens for one user, sealed. */
export interface UpstreamTokenRecord {
  userId: string;
  provider: string;
  /** `seal(JSON.stringify({ accessToken, refreshToken, ... }))`. */
  sealed: string;
  /** When the upstream access token expires (epoch ms), if the provider said. */
  accessExpiresAt?: number;
  /** Increases on every write: `putUpstreamToken` with `expectVersion` is a compare-and-set. */
  version: number;
  updatedAt: number;
}

/** A signing key for access tokens (JWT). The private half is sealed. */
export interface SigningKeyRecord {
  kid: string;
  alg: string;
  publicJwk: Record<string, unknown>;
  sealedPrivateJwk: string;
  createdAt: number;
  /** `active` signs; `retiring` is only published in the JWKS until `expiresAt`. */
  status: 'active' | 'retiring';
  expiresAt?: number;
}

/** A local (password) user. */
export interface UserRecord {
  userId: string;
  username: string;
  /** A memory-hard KDF hash (scrypt, PHC-like string). */
  passwordHash: string;
  createdAt: number;
}

/** A request waiting on login, consent or an upstream callback, keyed by a random id. */
export interface PendingRecord {
  kind: string;
  data: Record<string, unknown>;
  expiresAt: number;
}

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  /** When the current window ends (epoch ms). */
  resetAt: number;
}

/** A demo note (the demo MCP server's per-user data). */
export interface NoteRecord {
  id: string;
  userId: string;
  text: string;
  createdAt: number;
}

export interface ClientStore {
  /** Inserts or replaces. */
  putClient(client: ClientRecord): Promise<void>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  deleteClient(clientId: string): Promise<void>;
  /** Records use, pushing back expiry of unused DCR registrations to `expiresAt`. */
  touchClient(clientId: string, at: number, expiresAt?: number): Promise<void>;
}

export interface CodeStore {
  saveCode(codeHash: string, record: CodeRecord): Promise<void>;
  /** Reads a code without spending it. */
  findCode(codeHash: string, now: number): Promise<FindCodeResult>;
  /**
   * A successful exchange as one compare-and-set: if the code is still live and unused, spends it
   * (leaving its tombstone) and writes the grant and its first tokens; otherwise writes nothing.
   * Of racing callers exactly one gets `exchanged`, and a `replayed` caller always finds the
   * winner's grant already there to revoke.
   */
  exchangeCode(codeHash: string, exchange: CodeExchange, now: number): Promise<ExchangeCodeResult>;
  /** Spends a code without exchanging it (its exchange failed a check); leaves the tombstone. */
  consumeCode(codeHash: string, now: number): Promise<ConsumeCodeResult>;
}

export interface GrantStore {
  saveGrant(grant: GrantRecord): Promise<void>;
  getGrant(grantId: string): Promise<GrantRecord | undefined>;
  /**
   * Marks the grant revoked (keeping the first `revokedAt`) and deletes its refresh tokens, opaque
   * access tokens and not-yet-used codes, in one step. Idempotent. Returns whether the grant existed.
   */
  revokeGrant(grantId: string, now: number): Promise<boolean>;
  listGrantsByUser(userId: string): Promise<GrantRecord[]>;
}

export interface TokenStore {
  saveRefreshToken(tokenHash: string, record: RefreshTokenRecord): Promise<void>;
  /** Absent when unknown, expired, already rotated (spent), or its grant revoked or over. */
  getRefreshToken(tokenHash: string, now: number): Promise<RefreshTokenRecord | undefined>;
  rotateRefreshToken(oldHash: string, input: RotateRefreshInput): Promise<RotateRefreshResult>;
  /** Deletes one refresh token (RFC 7009 revocation of a single token). */
  deleteRefreshToken(tokenHash: string): Promise<void>;
  saveAccessToken(tokenHash: string, record: AccessTokenRecord): Promise<void>;
  /** Absent when unknown, expired, or its grant revoked or over. */
  findAccessToken(tokenHash: string, now: number): Promise<AccessTokenRecord | undefined>;
  deleteAccessToken(tokenHash: string): Promise<void>;
}

export interface ConsentStore {
  putConsent(consent: ConsentRecord): Promise<void>;
  getConsent(userId: string, clientId: string): Promise<ConsentRecord | undefined>;
  listConsentsByUser(userId: string): Promise<ConsentRecord[]>;
  revokeConsent(userId: string, clientId: string): Promise<boolean>;
}

export interface VaultStore {
  getUpstreamToken(userId: string, provider: string): Promise<UpstreamTokenRecord | undefined>;
  /**
   * Writes the record with `version = previous + 1` (the first write gets 1). With `expectVersion`,
   * only if the stored version is still that one (compare-and-set; `0` means "no record yet");
   * returns false when another writer got there first.
   */
  putUpstreamToken(
    record: Omit<UpstreamTokenRecord, 'version'>,
    expectVersion?: number,
  ): Promise<boolean>;
  deleteUpstreamToken(userId: string, provider: string): Promise<void>;
}

export interface KeyStore {
  putSigningKey(key: SigningKeyRecord): Promise<void>;
  listSigningKeys(): Promise<SigningKeyRecord[]>;
  deleteSigningKey(kid: string): Promise<void>;
}

export interface UserStore {
  /** Fails with `StoreConflictError` when the username is taken. */
  createUser(user: UserRecord): Promise<void>;
  getUserByName(username: string): Promise<UserRecord | undefined>;
  getUser(userId: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  deleteUser(userId: string): Promise<boolean>;
}

export interface EphemeralStore {
  /** Stores a pending request under a random id. */
  putPending(id: string, record: PendingRecord): Promise<void>;
  /** Atomic get-and-delete: a pending request is used once (an expired one is deleted and absent). */
  takePending(id: string, now: number): Promise<PendingRecord | undefined>;
  /** Reads without consuming (e.g. to render a consent page before the POST). */
  peekPending(id: string, now: number): Promise<PendingRecord | undefined>;
  /**
   * Remembers `key` in `namespace` until `expiresAt`; true if it was new, false if already
   * there (e.g. `private_key_jwt` `jti` replay, single-use upstream `state`).
   */
  rememberOnce(namespace: string, key: string, expiresAt: number): Promise<boolean>;
  /**
   * Fixed-window counter: counts this hit and says whether it is within `limit`. The key's first
   * hit with no live window opens one of `windowMs`; its end is stored with the count, so every
   * instance counts into the same window.
   */
  hitRateLimit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult>;
  /**
   * A lease for work that must run once across instances (an upstream refresh): true if this
   * caller holds `name` until `now + ttlMs` (the holder may renew). `releaseLease` gives it back
   * early; only the holder can.
   */
  acquireLease(name: string, holder: string, ttlMs: number, now: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

export interface NotesStore {
  /** Fails with `StoreConflictError` when the note id is taken. */
  addNote(note: NoteRecord): Promise<void>;
  /** Oldest first. */
  listNotes(userId: string): Promise<NoteRecord[]>;
  clearNotes(userId: string): Promise<number>;
}

export interface Store
  extends ClientStore,
    CodeStore,
    GrantStore,
    TokenStore,
    ConsentStore,
    VaultStore,
    KeyStore,
    UserStore,
    EphemeralStore,
    NotesStore {
  /** `memory`, `sqlite`, `redis` or `postgres`: for logs and diagnostics. */
  readonly kind: string;
  /** Deletes every record past its expiry; returns how many went. */
  sweepExpired(now: number): Promise<number>;
  close(): Promise<void>;
}

/** A write that conflicts with existing data (a taken username, a duplicate id). */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
