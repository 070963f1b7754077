/** RFC 6750 §2.1 `b64token`. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export type BearerTokenResult = { token: string } | { missing: true } | { malformed: string };

/**
 * Reads the token from the Authorization header and nowhere else: a token in the query string
 * or in a form body is never read (MCP forbids them), so a request carrying one and no header
 * is simply unauthenticated. Another scheme (`Basic …`) is "no Bearer credentials", not an error.
 */
export function bearerToken(authorization: string | null | undefined): BearerTokenResult {
  if (authorization === null || authorization === undefined || authorization === '') return { missing: true };
  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+\-.^_`|~]*)(?: +(.*))?$/.exec(authorization);
  if (!match) return { malformed: 'The Authorization header is not a valid credentials value.' };
  if (match[1]!.toLowerCase() !== 'bearer') return { missing: true };
  const token = match[2] ?? '';
  if (!B64TOKEN.test(token)) return { malformed: 'The Authorization header must be "Bearer <token>" with one token of RFC 6750 characters.' };
  return { token };
}

