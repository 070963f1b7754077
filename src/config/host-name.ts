import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * A bare host name as a `Host` header check compares it: the WHATWG URL parser's `hostname`
 * (lower-case, IDN as punycode, IPv6 bracketed and compressed), which is what the guard derives
 * from each request. Anything else could never match, and would fail closed without a word, so it
 * is refused at start-up: a port (names match on any port), a scheme, a path, user information.
 */
export const hostName = z.string().transform((entry, ctx) => {
  const reason = refusal(entry);
  if (reason === undefined) {
    const bracketed = ipaddr.IPv6.isValid(entry) ? `[${entry}]` : entry;
    try {
      return new URL(`http://${bracketed}`).hostname;
    } catch {
      // Falls through to the issue below (a character no host name may contain).
    }
  }
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(entry)} ${reason ?? 'is not a valid host name'}` });
  return z.NEVER;
});

function refusal(entry: string): string | undefined {
  if (entry.trim() === '') return 'is empty';
  if (entry.includes('://')) return 'must be a bare host name, without a scheme';
  if (/[/?#]/.test(entry)) return 'must be a bare host name, without a path';
  if (entry.includes('@')) return 'must be a bare host name, without user information';
  if (ipaddr.IPv6.isValid(entry)) return undefined;
  const afterName = entry.startsWith('[') ? entry.slice(entry.indexOf(']') + 1 || entry.length) : entry;
  if (/:\d*$/.test(afterName)) return 'must not include a port (host names match on any port)';
  return undefined;
}
