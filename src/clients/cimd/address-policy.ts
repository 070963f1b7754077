import ipaddr from 'ipaddr.js';
import { isLoopbackHost } from '../../app/loopback.js';

/**
 * Which addresses a server-side fetch may connect to (SSRF defence, CIMD draft -01 §6.5): only
 * global unicast. Private, loopback, link-local (cloud metadata lives there), unique-local,
 * CGNAT, multicast, unspecified, reserved, and the IPv6 forms that embed an IPv4 address (NAT64,
 * 6to4, Teredo) are all refused, because they reach into the network the server sits in.
 *
 * One exception: an authorization server that itself runs on loopback (a developer machine, the
 * test suite) may fetch from loopback, which is then its own interface and nobody else's.
 */
export interface AddressPolicy {
  allowLoopback: boolean;
}

/**
 * Why `address` may not be contacted, or undefined when it may. The answer names the kind of
 * address, not the address: it reaches the client, and which internal address a host name
 * resolves to is the server's business.
 */
export function addressProblem(address: string, policy: AddressPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it maps to.
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && policy.allowLoopback) return undefined;
  return `a ${range} address`;
}

/**
 * The loopback exception applies only when both the bound interface and the public face of the
 * server are loopback: a production server bound to 127.0.0.1 behind a reverse proxy has a public
 * issuer, and must not be able to fetch from its own machine's private services.
 */
export function serverIsOnLoopback(boundHost: string, issuer: string): boolean {
  return isLoopbackHost(boundHost) && isLoopbackHost(new URL(issuer).hostname);
}
