import { OAuthError } from '../../errors/oauth-error.js';

/** Registration requests are small; a larger body is refused before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** 413, in the RFC 7591 error shape; the connection is closed, as the rest of the body may be unread. */
export function registrationTooLarge(): OAuthError {
  return new OAuthError('invalid_client_metadata', `The registration request is larger than ${MAX_BODY_BYTES} bytes.`, {
    status: 413,
    headers: { Connection: 'close' },
  });
}

/** The request's JSON object (RFC 7591 §3.1); anything else is `invalid_client_metadata`. */
export async function readRegistrationBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new OAuthError('invalid_client_metadata', 'The registration request must be JSON (Content-Type: application/json).');
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw registrationTooLarge();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new OAuthError('invalid_client_metadata', 'The registration request is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OAuthError('invalid_client_metadata', 'The registration request must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
