import type { IncomingHttpHeaders } from 'node:http';
import type { ClientRecord, ClientStore } from '../../store/contract.js';

export interface CacheBounds {
  minSeconds: number;
  maxSeconds: number;
}

/**
 * How long a fetched document may be reused, in seconds, from its HTTP cache headers
 * (RFC 9111), clamped to the operator's bounds:
 * - `max-age` (less `Age`), else `Expires` (relative to `Date`, else to now);
 * - `no-store`, `no-cache`, or no lifetime at all → the lower bound. The lower bound is what keeps
 *   one authorization (authorize → token) on one version of the document, so it is the floor even
 *   for a server that asks not to be cached; set it to 0 to refetch on every request instead.
 */
export function cacheLifetimeSeconds(headers: IncomingHttpHeaders, now: number, bounds: CacheBounds): number {
  const clamp = (seconds: number) => Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, Math.floor(seconds)));
  const directives = parseCacheControl(headers['cache-control']);
  if (directives.has('no-store') || directives.has('no-cache')) return bounds.minSeconds;
  const maxAge = directives.get('max-age');
  if (maxAge !== undefined && /^\d+$/.test(maxAge)) {
    const age = Number(headers.age);
    return clamp(Number(maxAge) - (Number.isFinite(age) && age > 0 ? age : 0));
  }
  const expires = headers.expires ? Date.parse(headers.expires) : NaN;
  if (!Number.isNaN(expires)) {
    const date = headers.date ? Date.parse(headers.date) : NaN;
    return clamp((expires - (Number.isNaN(date) ? now : date)) / 1000);
  }
  return bounds.minSeconds;
}

function parseCacheControl(value: string | undefined): Map<string, string | undefined> {
  const directives = new Map<string, string | undefined>();
  for (const part of (value ?? '').split(',')) {
    const [name, arg] = part.trim().split('=', 2) as [string, string | undefined];
    if (name) directives.set(name.toLowerCase(), arg?.replace(/^"|"$/g, ''));
  }
  return directives;
}

/** A cached, validated document, or undefined (absent, expired, or not a document record). */
export async function readCachedDocument(store: ClientStore, clientId: string): Promise<ClientRecord | undefined> {
  const record = await store.getClient(clientId);
  return record?.kind === 'cimd' ? record : undefined;
}

/** Keeps a validated document for `seconds`; with 0 nothing is kept. Errors are never cached. */
export async function cacheDocument(store: ClientStore, record: ClientRecord, seconds: number, now: number): Promise<void> {
  if (seconds <= 0) return;
  await store.putClient({ ...record, expiresAt: now + seconds * 1000 });
}
