import { OAuthError } from '../../errors/oauth-error.js';
import { isLoopbackHost } from '../../app/loopback.js';

/** True when `clientId` is meant as a metadata document URL (so it is never a registered id). */
export function looksLikeMetadataUrl(clientId: string): boolean {
  return /^https?:\/\//i.test(clientId);
}

export interface ClientIdUrl {
  url: URL;
  /** Admitted only through `allowHttpLocalhost` (plain http on loopback). */
  development: boolean;
}

function refuse(clientId: string, why: string): never {
  throw new OAuthError('invalid_client', `The client_id ${JSON.stringify(clientId)} is not a valid client metadata document URL: ${why}.`);
}

/**
 * The URL rules of draft-ietf-oauth-client-id-metadata-document §3: https, a path other than
 * `/`, no dot segments, no fragment, no user information. A query is allowed by the draft but
 * discouraged; we refuse it so one document has one URL. Checked on the raw string as well as the
 * parsed URL, because the URL parser would silently remove dot segments and an empty fragment.
 */
export function parseClientIdUrl(clientId: string, allowHttpLocalhost: boolean): ClientIdUrl {
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    refuse(clientId, 'it is not a URL');
  }
  const development = url.protocol === 'http:';
  if (url.protocol !== 'https:' && !(development && allowHttpLocalhost && isLoopbackHost(url.hostname))) {
    refuse(clientId, 'it must use https');
  }
  if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(clientId)) refuse(clientId, 'it must not contain user information');
  if (clientId.includes('#')) refuse(clientId, 'it must not contain a fragment');
  if (clientId.includes('?')) refuse(clientId, 'it must not contain a query');
  const rawPath = clientId.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const segments = rawPath.split('/').slice(1);
  if (segments.some((s) => /^(%2e|\.){1,2}$/i.test(s))) refuse(clientId, 'its path must not contain . or .. segments');
  if (rawPath === '' || rawPath === '/') refuse(clientId, 'it must have a path');
  if (url.href !== clientId) refuse(clientId, `it is not in normalised form (expected ${url.href})`);
  return { url, development };
}
