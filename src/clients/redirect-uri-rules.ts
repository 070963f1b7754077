import { isLoopbackHost } from '../app/loopback.js';

/**
 * Which redirect URI forms a client may register:
 * - `web`: https only (OpenID Dynamic Client Registration: web clients never use localhost);
 * - `native`: https, loopback `http` (RFC 8252 §7.3) and private-use schemes (RFC 8252 §7.1);
 * - `cimd`: https or loopback `http` (the metadata-document draft; a private-use scheme cannot be
 *   tied to the document's host, so it is not accepted there).
 */
export type RedirectPolicy = 'web' | 'native' | 'cimd';

/** Schemes that run code or read local data in a browser: never a redirect target, for anyone. */
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:', 'filesystem:', 'ws:', 'wss:', 'ftp:', 'mailto:']);

const MAX_URI_LENGTH = 2000;

/** The kind of a redirect URI that passed `redirectUriProblem`'s shape checks. */
export function redirectUriKind(uri: URL): 'https' | 'loopback-http' | 'http' | 'custom' {
  if (uri.protocol === 'https:') return 'https';
  if (uri.protocol === 'http:') return isLoopbackHost(uri.hostname) ? 'loopback-http' : 'http';
  return 'custom';
}

/**
 * Why `value` is not an acceptable redirect URI under `policy`, or undefined when it is. The
 * answer is a sentence for an error description (it quotes no secret: redirect URIs are public).
 */
export function redirectUriProblem(value: string, policy: RedirectPolicy): string | undefined {
  if (value.length > MAX_URI_LENGTH) return `is longer than ${MAX_URI_LENGTH} characters`;
  if (value.includes('#')) return 'must not contain a fragment';
  let uri: URL;
  try {
    uri = new URL(value);
  } catch {
    return 'is not an absolute URI';
  }
  if (FORBIDDEN_SCHEMES.has(uri.protocol)) return `uses the forbidden scheme ${uri.protocol}`;
  if (uri.username || uri.password) return 'must not carry user information';
  const kind = redirectUriKind(uri);
  if (kind === 'https') return uri.hostname ? undefined : 'has no host';
  if (kind === 'http') return 'uses http on a host that is not loopback (use https)';
  if (kind === 'loopback-http') {
    return policy === 'web' ? 'uses loopback http, which only native clients may register' : undefined;
  }
  if (policy !== 'native') return `uses the private-use scheme ${uri.protocol}, which only native clients may register`;
  return undefined;
}
