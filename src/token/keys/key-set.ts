import { createPrivateKey, type JsonWebKey as NodeJwk, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey, type JWSHeaderParameters, type FlattenedJWSInput } from 'jose';
import type { TokensConfig } from '../../config/sections/tokens.js';
import type { Sealer } from '../../crypto/sealer.js';
import type { Logger } from '../../log/logger.js';
import type { SigningKeyRecord, Store } from '../../store/contract.js';
import { generateSigningKey, type SigningAlg } from './generate-signing-key.js';

/** How long a loaded key list is trusted before the store is read again (other instances rotate too). */
export const KEY_CACHE_MS = 60_000;
/** Clock skew allowed between instances and verifiers when deciding a retiring key is no longer needed. */
const SKEW_MS = 60_000;
/** An unknown kid triggers a reload at most this often, so junk tokens cannot hammer the store. */
const UNKNOWN_KID_RELOAD_MS = 5_000;

export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  /** A node:crypto key: tokens are signed by `signCompactJws` (see there for why). */
  key: KeyObject;
}

export interface PublicJwks {
  keys: JWK[];
}

/**
 * The authorization server's signing keys, kept in the store with the private half sealed.
 * Created at first use, rotated after `keyRotationPeriod`; a replaced key is `retiring`: still
 * published (and so still verifiable) until every token it can have signed has expired.
 */
export interface KeySet {
  /** The key that signs now; rotates first when the active key is past its period. */
  signingKey(): Promise<SigningKey>;
  /** Active + retiring public keys: the `/jwks` document. */
  publicJwks(): Promise<PublicJwks>;
  /** A jose key resolver over `publicJwks()`: a co-hosted verifier needs no HTTP round trip. */
  getKey: JWTVerifyGetKey;
  /** Makes a new active key and retires the current one; returns the new kid. */
  rotate(): Promise<string>;
}

export interface KeySetOptions {
  store: Store;
  sealer: Sealer;
  tokens: TokensConfig;
  logger: Logger;
  now: () => number;
}

interface Snapshot {
  loadedAt: number;
  active: SigningKeyRecord;
  published: SigningKeyRecord[];
  jwks: PublicJwks;
  resolver: ReturnType<typeof createLocalJWKSet>;
}

const aadFor = (kid: string) => `signing-key:${kid}`;

export function createKeySet(options: KeySetOptions): KeySet {
  const { store, sealer, tokens, logger, now } = options;
  let snapshot: Promise<Snapshot> | undefined;
  let lastUnknownReload = 0;
  const privateKeys = new Map<string, KeyObject>();

  const rotationDue = (key: SigningKeyRecord, at: number) =>
    tokens.keyRotationPeriod > 0 && at - key.createdAt >= tokens.keyRotationPeriod * 1000;

  /** Every token a key signed expires within the access-token lifetime of its last use. */
  const retireUntil = (at: number) => at + tokens.accessTokenTtl * 1000 + KEY_CACHE_MS + SKEW_MS;

  async function createKey(at: number): Promise<SigningKeyRecord> {
    const generated = await generateSigningKey(tokens.signingAlg);
    const record: SigningKeyRecord = {
      kid: generated.kid,
      alg: generated.alg,
      publicJwk: { ...generated.publicJwk },
      sealedPrivateJwk: sealer.seal(JSON.stringify(generated.privateJwk), aadFor(generated.kid)),
      createdAt: at,
      status: 'active',
    };
    await store.putSigningKey(record);
    logger.info('signing_key_created', { kid: record.kid, alg: record.alg });
    return record;
  }

  async function retire(record: SigningKeyRecord, at: number): Promise<void> {
    await store.putSigningKey({ ...record, status: 'retiring', expiresAt: retireUntil(at) });
    logger.info('signing_key_retiring', { kid: record.kid });
  }

  async function load(): Promise<Snapshot> {
    const at = now();
    const keys = (await store.listSigningKeys()).filter((k) => k.expiresAt === undefined || k.expiresAt > at);
    const actives = keys.filter((k) => k.status === 'active').sort((a, b) => b.createdAt - a.createdAt);
    let active = actives[0];
    // Two instances starting (or rotating) at once each make a key: the newest wins, the rest retire.
    for (const extra of actives.slice(1)) await retire(extra, at);
    const due = active !== undefined && rotationDue(active, at);
    if (due) await retire(active!, at);
    if (active === undefined || due) active = await createKey(at);
    const published = (await store.listSigningKeys()).filter((k) => k.expiresAt === undefined || k.expiresAt > at);
    const jwks = { keys: published.map(publicJwkOf) };
    return { loadedAt: at, active, published, jwks, resolver: createLocalJWKSet(jwks) };
  }

  function current(): Promise<Snapshot> {
    const cached = snapshot;
    if (cached) {
      return cached.then((s) => {
        if (now() - s.loadedAt < KEY_CACHE_MS && !rotationDue(s.active, now())) return s;
        // Another caller may have started the reload already: share it rather than rotate twice.
        return snapshot !== undefined && snapshot !== cached ? snapshot : reload();
      });
    }
    return reload();
  }

  function reload(): Promise<Snapshot> {
    const next = load();
    snapshot = next;
    // A failed load must not poison the cache: the next caller tries again.
    next.catch(() => {
      if (snapshot === next) snapshot = undefined;
    });
    return next;
  }

  function privateKeyOf(record: SigningKeyRecord): KeyObject {
    let key = privateKeys.get(record.kid);
    if (!key) {
      const jwk = JSON.parse(sealer.open(record.sealedPrivateJwk, aadFor(record.kid))) as NodeJwk;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
      privateKeys.set(record.kid, key);
    }
    return key;
  }

  return {
    async signingKey() {
      const { active } = await current();
      return { kid: active.kid, alg: active.alg as SigningAlg, key: privateKeyOf(active) };
    },
    async publicJwks() {
      return (await current()).jwks;
    },
    async getKey(header: JWSHeaderParameters, token: FlattenedJWSInput) {
      let snap = await current();
      const known = snap.published.some((k) => k.kid === header.kid);
      if (!known && now() - lastUnknownReload >= UNKNOWN_KID_RELOAD_MS) {
        lastUnknownReload = now();
        snap = await reload();
      }
      return snap.resolver(header, token);
    },
    async rotate() {
      const snap = await current();
      const at = now();
      const fresh = await createKey(at);
      await retire(snap.active, at);
      await reload();
      return fresh.kid;
    },
  };
}

function publicJwkOf(record: SigningKeyRecord): JWK {
  return { ...(record.publicJwk as JWK), kid: record.kid, alg: record.alg, use: 'sig' };
}
