import type { ClientsConfig } from '../../config/sections/clients.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { EphemeralStore } from '../../store/contract.js';

/**
 * Registrations per client address per window, counted in the store so the limit holds across
 * instances. Some hosts register on every fresh connection, so the limit is per window, not total.
 */
export async function checkRegistrationRateLimit(
  store: EphemeralStore,
  limit: ClientsConfig['dcr']['rateLimit'],
  clientAddress: string,
  now: number,
): Promise<void> {
  const result = await store.hitRateLimit(`dcr-register:${clientAddress}`, limit.max, limit.windowSeconds * 1000, now);
  if (result.allowed) return;
  const retryAfter = Math.max(1, Math.ceil((result.resetAt - now) / 1000));
  throw new OAuthError('rate_limited', 'Too many client registrations from this address; try again later.', {
    headers: { 'Retry-After': String(retryAfter) },
  });
}
