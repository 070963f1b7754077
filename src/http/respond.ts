import { OAuthError } from '../errors/oauth-error.js';
import { TextResponse } from './text-response.js';

/** A JSON response; token-bearing answers pass `noStore`. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string>; noStore?: boolean } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  if (init.noStore) {
    headers.set('Cache-Control', 'no-store');
    headers.set('Pragma', 'no-cache');
  }
  return new TextResponse(JSON.stringify(body), { status: init.status ?? 200, headers });
}

/** The RFC 6749 §5.2 shape for any `OAuthError`; `no-store` because errors are per-request. */
export function oauthErrorResponse(error: OAuthError): Response {
  return jsonResponse(error.toJSON(), { status: error.status, headers: error.headers, noStore: true });
}
