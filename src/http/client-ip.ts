import ipaddr from 'ipaddr.js';
import type { ServerConfig } from '../config/sections/server.js';

/**
 * The client's address for rate limits and logs. `X-Forwarded-For` is believed only as far as
 * `trustProxy` says: a client can write anything into it, so each hop we skip must be a proxy we
 * trust (by count, or by address/CIDR).
 */
export function clientIp(
  headers: Headers,
  remoteAddress: string | undefined,
  trustProxy: ServerConfig['trustProxy'],
): string {
  const peer = normalise(remoteAddress) ?? 'unknown';
  if (trustProxy === false) return peer;
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => normalise(part.trim()))
    .filter((part): part is string => part !== undefined);
  // Walk from the nearest hop outwards: [client, proxy1, proxy2] + peer.
  const chain = [...forwarded, peer];
  if (trustProxy === true) return chain[0]!;
  if (typeof trustProxy === 'number') return chain[Math.max(0, chain.length - 1 - trustProxy)]!;
  const trusted = trustProxy.map(parseRange);
  let index = chain.length - 1;
  while (index > 0 && isTrusted(chain[index]!, trusted)) index -= 1;
  return chain[index]!;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseRange(spec: string): Range {
  return spec.includes('/') ? ipaddr.parseCIDR(spec) : ((a) => [a, a.kind() === 'ipv4' ? 32 : 128] as Range)(ipaddr.parse(spec));
}

function isTrusted(address: string, ranges: Range[]): boolean {
  const parsed = ipaddr.parse(address);
  return ranges.some((range) => parsed.kind() === range[0].kind() && parsed.match(range));
}

/**
 * Recent answers of `normalise`: a keep-alive connection asks about the same peer address on
 * every request, and parsing it took ≈1.5 % of a token request's CPU. Bounded: emptied when full.
 */
const normalised = new Map<string, string | undefined>();
const NORMALISED_MAX = 4096;

/** Canonical text form; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes plain IPv4. Not an IP: undefined. */
function normalise(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (normalised.has(value)) return normalised.get(value);
  const canonical = ipaddr.isValid(value) ? ipaddr.process(value).toString() : undefined;
  if (normalised.size >= NORMALISED_MAX) normalised.clear();
  normalised.set(value, canonical);
  return canonical;
}
