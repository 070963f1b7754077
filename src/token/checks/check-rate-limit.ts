import type { AppDeps } from '../../app/deps.js';
import { OAuthError } from '../../errors/oauth-error.js';

const WINDOW_MS = 60_000;

/**
 * Per client address, counted in the store so every instance shares the budget: slows down
 * guessing of codes, refresh tokens and client secrets.
 */
export async function checkRateLimit(deps: AppDeps, scope: string, address: string, limit: number): Promise<void> {
  const now = deps.now();
  const hit = await deps.store.hitRateLimit(`${scope}:${address}`, limit, WINDOW_MS, now);
  if (hit.allowed) return;
  const retryAfter = Math.max(1, Math.ceil((hit.resetAt - now) / 1000));
  throw new OAuthError('rate_limited', 'Too many requests; try again later.', { headers: { 'Retry-After': String(retryAfter) } });
}
