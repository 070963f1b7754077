import type { AppDeps } from '../../app/deps.js';
import { newId } from '../../crypto/hash.js';
import type { Sealer } from '../../crypto/sealer.js';
import type { UpstreamTokenRecord } from '../../store/contract.js';
import { UpstreamRefreshRejected, type UpstreamProvider, type UpstreamTokens } from '../providers/types.js';
import { providerOfUser } from '../user-id.js';
import { UpstreamTokenUnavailable } from './errors.js';
import { openTokens, sealTokens } from './sealed-tokens.js';

/** What a tool receives: the upstream's access token, for calls to that upstream only. */
export interface UpstreamAccessToken {
  provider: string;
  accessToken: string;
  tokenType: string;
  /** Epoch ms, when known. */
  expiresAt?: number;
}

export interface UpstreamVault {
  /** Stores the tokens of a fresh sign-in (replacing any earlier ones). */
  save(userId: string, provider: string, tokens: UpstreamTokens): Promise<void>;
  /** A usable access token, refreshed first if it is (nearly) expired. */
  accessToken(userId: string, provider: string): Promise<UpstreamAccessToken>;
  provider(name: string): UpstreamProvider | undefined;
}

const WAIT_STEP_MS = 50;

/**
 * The sealed token vault. An expired token is refreshed once, however many requests ask at the
 * same moment: callers in this process share one promise, and across instances a store lease
 * decides who refreshes while the others wait and re-read the record (its `version` changes).
 * A refresh the upstream refuses for good revokes the user's grants from that provider.
 */
export function createUpstreamVault(deps: AppDeps, sealer: Sealer, providers: readonly UpstreamProvider[]): UpstreamVault {
  const { store, logger } = deps;
  const settings = deps.config.authorizationServer.upstream;
  const byName = new Map(providers.map((p) => [p.name, p]));
  const inFlight = new Map<string, Promise<UpstreamTokens>>();
  const stale = (record: UpstreamTokenRecord) => record.accessExpiresAt !== undefined && record.accessExpiresAt - settings.refreshSkew * 1000 <= deps.now();

  async function signInAgain(userId: string, provider: string, why: string): Promise<never> {
    await store.deleteUpstreamToken(userId, provider);
    // An upstream user exists only through its provider (the id names it), so all its live
    // grants rest on the sign-in that just failed.
    if (providerOfUser(userId) === provider) {
      const now = deps.now();
      for (const grant of await store.listGrantsByUser(userId)) {
        if (grant.revokedAt === undefined) await store.revokeGrant(grant.grantId, now);
      }
    }
    logger.warn('upstream_refresh_rejected', { userId, provider, reason: why });
    throw new UpstreamTokenUnavailable(provider, 'sign_in_again', `${provider} no longer accepts this sign-in: sign in again.`);
  }

  /** The lease holder's part: re-read (someone may have just refreshed), then refresh and write. */
  async function refreshHoldingLease(userId: string, provider: UpstreamProvider, seen: UpstreamTokenRecord): Promise<UpstreamTokens> {
    const current = await store.getUpstreamToken(userId, provider.name);
    if (!current) throw new UpstreamTokenUnavailable(provider.name, 'not_linked', `No ${provider.name} sign-in is on file for this user.`);
    if (current.version !== seen.version && !stale(current)) return openTokens(sealer, current);
    const { refreshToken } = openTokens(sealer, current);
    if (!refreshToken) return signInAgain(userId, provider.name, 'expired without a refresh token');
    let next: UpstreamTokens;
    try {
      next = await provider.refresh(refreshToken);
    } catch (cause) {
      if (cause instanceof UpstreamRefreshRejected) return signInAgain(userId, provider.name, cause.upstreamError);
      logger.warn('upstream_refresh_failed', { userId, provider: provider.name, message: (cause as Error).message });
      throw new UpstreamTokenUnavailable(provider.name, 'unavailable', `${provider.name} could not be reached to refresh the token.`);
    }
    await store.putUpstreamToken(sealTokens(sealer, userId, provider.name, next, deps.now()), current.version);
    logger.info('upstream_token_refreshed', { userId, provider: provider.name });
    return next;
  }

  async function freshTokens(userId: string, provider: UpstreamProvider): Promise<UpstreamTokens> {
    const leaseMs = settings.refreshLease * 1000;
    const giveUpAt = deps.now() + 2 * leaseMs;
    for (;;) {
      const record = await store.getUpstreamToken(userId, provider.name);
      if (!record) throw new UpstreamTokenUnavailable(provider.name, 'not_linked', `No ${provider.name} sign-in is on file for this user.`);
      if (!stale(record)) return openTokens(sealer, record);
      const lease = `upstream-refresh:${userId}:${provider.name}`;
      const holder = newId();
      if (await store.acquireLease(lease, holder, leaseMs, deps.now())) {
        try {
          return await refreshHoldingLease(userId, provider, record);
        } finally {
          await store.releaseLease(lease, holder);
        }
      }
      if (deps.now() > giveUpAt) throw new UpstreamTokenUnavailable(provider.name, 'unavailable', `The ${provider.name} token refresh is taking too long.`);
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }

  return {
    provider: (name) => byName.get(name),
    async save(userId, provider, tokens) {
      await store.putUpstreamToken(sealTokens(sealer, userId, provider, tokens, deps.now()));
    },
    async accessToken(userId, providerName) {
      const provider = byName.get(providerName);
      if (!provider) throw new UpstreamTokenUnavailable(providerName, 'not_linked', `No upstream provider is named ${providerName}.`);
      const key = JSON.stringify([userId, providerName]);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = freshTokens(userId, provider).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const tokens = await pending;
      return {
        provider: providerName,
        accessToken: tokens.accessToken,
        tokenType: tokens.tokenType,
        ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
      };
    },
  };
}
