/**
 * The one canonical spelling of an RFC 8707 `resource`: lower-case scheme and host, no default
 * port, no trailing slash on the path. `/authorize` and `/token` must agree on it, or a client
 * that repeats its authorize-time `resource` at the token endpoint is refused. Undefined when the
 * value is unusable (not an absolute http(s) URL, a fragment, user information).
 */
export function canonicalResource(value: string): string | undefined {
  if (value.includes('#')) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.origin + url.pathname.replace(/\/+$/, '') + url.search;
}
