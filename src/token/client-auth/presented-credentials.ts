import { OAuthError } from '../../errors/oauth-error.js';
import type { Form } from '../form.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The one way a client proved (or did not prove) who it is in this request. */
export type PresentedCredentials =
  | { method: 'client_secret_basic'; clientId: string; secret: string }
  | { method: 'client_secret_post'; clientId: string; secret: string }
  | { method: 'private_key_jwt'; assertion: string; clientId?: string }
  | { method: 'none'; clientId: string };

/**
 * Finds which authentication method the request uses. OAuth 2.1 §2.4: a client MUST NOT use more
 * than one method in a request, so two of them is `invalid_request`, not a choice we make.
 */
export function presentedCredentials(request: Request, form: Form): PresentedCredentials {
  const basic = parseBasic(request.headers.get('authorization'));
  const postSecret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  const used = [basic !== undefined, postSecret !== undefined, assertion !== undefined].filter(Boolean).length;
  if (used > 1) {
    throw new OAuthError('invalid_request', 'The request uses more than one client authentication method.');
  }
  const bodyClientId = form.get('client_id');
  if (basic) {
    if (bodyClientId !== undefined && bodyClientId !== basic.clientId) {
      throw new OAuthError('invalid_request', 'client_id in the body differs from the authenticated client.');
    }
    return { method: 'client_secret_basic', ...basic };
  }
  if (postSecret !== undefined) {
    if (bodyClientId === undefined) throw new OAuthError('invalid_request', 'client_secret requires client_id.');
    return { method: 'client_secret_post', clientId: bodyClientId, secret: postSecret };
  }
  if (assertion !== undefined) {
    if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION) {
      throw new OAuthError('invalid_request', `client_assertion_type must be ${JWT_BEARER_ASSERTION}.`);
    }
    return { method: 'private_key_jwt', assertion, ...(bodyClientId !== undefined ? { clientId: bodyClientId } : {}) };
  }
  if (bodyClientId === undefined) {
    throw new OAuthError('invalid_client', 'No client authentication and no client_id.');
  }
  return { method: 'none', clientId: bodyClientId };
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function parseBasic(header: string | null): { clientId: string; secret: string } | undefined {
  if (header === null) return undefined;
  const match = /^Basic[ ]+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match) {
    if (/^Basic\b/i.test(header)) throw basicError('The Basic credentials are malformed.');
    throw new OAuthError('invalid_request', 'Only HTTP Basic client authentication goes in the Authorization header.');
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw basicError('The Basic credentials are malformed.');
  try {
    const clientId = formDecode(decoded.slice(0, colon));
    const secret = formDecode(decoded.slice(colon + 1));
    if (clientId === '' || secret === '') throw basicError('The Basic credentials are incomplete.');
    return { clientId, secret };
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    throw basicError('The Basic credentials are not form-urlencoded.');
  }
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** RFC 6749 §5.2: a failed Basic attempt answers 401 with a Basic challenge. */
export function basicError(description: string): OAuthError {
  return new OAuthError('invalid_client', description, {
    status: 401,
    headers: { 'WWW-Authenticate': 'Basic realm="gatehouse", charset="UTF-8"' },
  });
}
