import type { JSONWebKeySet } from 'jose';
import type { AppDeps } from '../../app/deps.js';
import { serverIsOnLoopback } from '../../clients/cimd/address-policy.js';
import { safeFetchJson } from '../../clients/cimd/safe-fetch.js';

/** A key set is a few keys; RSA ones are ~1.5 KB each. */
const MAX_BYTES = 32_768;
/** Clients rotate keys rarely; a short cache spares a fetch per token request. */
const CACHE_MS = 5 * 60_000;
const MAX_ENTRIES = 1_000;

/**
 * Fetches a `private_key_jwt` client's `jwks_uri` through the clients room's SSRF-safe fetcher
 * (no private addresses, no redirects, time and size caps), and keeps it briefly.
 */
export function safeJwksFetcher(deps: Pick<AppDeps, 'config' | 'urls' | 'now'>, ca?: readonly string[]): (uri: string) => Promise<JSONWebKeySet> {
  const cache = new Map<string, { jwks: JSONWebKeySet; until: number }>();
  const allowLoopback = serverIsOnLoopback(deps.config.server.host, deps.urls.issuer);
  return async (uri) => {
    const hit = cache.get(uri);
    if (hit && hit.until > deps.now()) return hit.jwks;
    const { body } = await safeFetchJson(new URL(uri), {
      timeoutMs: deps.config.authorizationServer.clients.cimd.fetchTimeoutMs,
      maxBytes: MAX_BYTES,
      allowLoopback,
      ...(ca && { ca }),
    });
    const jwks = JSON.parse(body) as JSONWebKeySet;
    if (!Array.isArray(jwks?.keys)) throw new Error('the document has no "keys" array');
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(uri, { jwks, until: deps.now() + CACHE_MS });
    return jwks;
  };
}
