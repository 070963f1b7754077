import type { Context } from 'hono';
import type { ServerConfig } from '../config/sections/server.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { EphemeralStore } from '../store/contract.js';
import { clientIp } from './client-ip.js';
import type { GatehouseEnv } from './env.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * Counts one request under `key` in the store, so every instance shares the budget; past the
 * limit, a 429 `OAuthError` with `Retry-After`.
 */
export async function enforceRateLimit(
  store: EphemeralStore,
  key: string,
  limit: RateLimit,
  now: number,
  message = 'Too many requests; try again later.',
): Promise<void> {
  const hit = await store.hitRateLimit(key, limit.max, limit.windowMs, now);
  if (!hit.allowed) throw rateLimited(hit.resetAt, now, message);
}

/** The 429 `OAuthError` for a budget that comes back at `resetAt`, with `Retry-After`. */
export function rateLimited(resetAt: number, now: number, message = 'Too many requests; try again later.'): OAuthError {
  const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
  return new OAuthError('rate_limited', message, { headers: { 'Retry-After': String(retryAfter) } });
}

/** The caller's address as the rate limits and logs see it (see `clientIp` for `trustProxy`). */
export function requestAddress(c: Context<GatehouseEnv>, trustProxy: ServerConfig['trustProxy']): string {
  return clientIp(c.req.raw.headers, c.env?.remoteAddress, trustProxy);
}
