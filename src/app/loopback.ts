import ipaddr from 'ipaddr.js';

/** True for `localhost`, 127.0.0.0/8 and ::1: addresses nobody else on the network can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare.toLowerCase() === 'localhost') return true;
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() === 'loopback';
}

/** How a bound host appears in a URL: IPv6 in brackets, wildcard binds as `localhost`. */
export function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
