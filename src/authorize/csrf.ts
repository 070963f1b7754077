import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../crypto/hash.js';

/**
 * CSRF tokens for the login, consent and account forms: an HMAC of what the form is for, the
 * pending request it belongs to and the browser session that was shown it. A token from one
 * browser, one request or one kind of form is worthless anywhere else, and nothing is stored.
 */
export type CsrfPurpose = 'login' | 'consent' | 'account' | 'upstream';

export function csrfToken(key: Buffer, purpose: CsrfPurpose, requestId: string, sessionId: string): string {
  return createHmac('sha256', key).update(JSON.stringify([purpose, requestId, sessionId])).digest('base64url');
}

export function csrfValid(key: Buffer, purpose: CsrfPurpose, requestId: string, sessionId: string, presented: string | undefined): boolean {
  if (presented === undefined || presented === '') return false;
  return constantTimeEqual(csrfToken(key, purpose, requestId, sessionId), presented);
}
