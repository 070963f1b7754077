/**
 * Loopback redirect URIs (RFC 8252 §7.3, OAuth 2.1 §2.3.1): a native app listens on whatever
 * port is free at the moment, so for `http://127.0.0.1`, `http://[::1]` and `http://localhost`
 * the port is ignored when matching; everything else is compared as written.
 */
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(?::(\d{1,5}))?([/?][^#]*)?$/;

interface LoopbackParts {
  host: string;
  rest: string;
}

function loopbackParts(uri: string): LoopbackParts | undefined {
  const match = LOOPBACK.exec(uri);
  if (!match) return undefined;
  if (match[2] !== undefined && Number(match[2]) > 65_535) return undefined;
  return { host: match[1]!, rest: match[3] ?? '' };
}

export function isLoopbackRedirect(uri: string): boolean {
  return loopbackParts(uri) !== undefined;
}

/** Exact string match, or the same loopback URI but for the port. */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = loopbackParts(registered);
  const b = loopbackParts(requested);
  return a !== undefined && b !== undefined && a.host === b.host && (a.rest || '/') === (b.rest || '/');
}
