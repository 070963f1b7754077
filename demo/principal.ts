import type { AuthInfo } from '@modelcontextprotocol/server';

/**
 * The subject every request acts as when Gatehouse runs with auth off: there is no token, so
 * there is no user to tell apart. All such callers share one notebook, and the tools say so.
 */
export const ANONYMOUS_SUBJECT = 'anonymous';

/** Who is calling, as the demo's tools see it. */
export interface Principal {
  subject: string;
  authenticated: boolean;
  clientId?: string;
  scopes: string[];
  /** The RFC 8707 resource (audience) the token was issued for. */
  resource?: string;
  /** Token expiry, epoch seconds. */
  expiresAt?: number;
}

/** Thrown when a token is present but names no user: per-user data must never fall back to a shared key. */
export class MissingSubjectError extends Error {
  constructor() {
    super('The access token carries no subject, so there is no user to keep notes for.');
    this.name = 'MissingSubjectError';
  }
}

/**
 * Reads the principal from the `authInfo` the guard passed in (`extra.subject` holds the user).
 * No `authInfo` at all means auth is off: the fixed anonymous subject.
 */
export function principalOf(authInfo: AuthInfo | undefined): Principal {
  if (authInfo === undefined) return { subject: ANONYMOUS_SUBJECT, authenticated: false, scopes: [] };
  const subject = authInfo.extra?.['subject'];
  if (typeof subject !== 'string' || subject.length === 0) throw new MissingSubjectError();
  return {
    subject,
    authenticated: true,
    clientId: authInfo.clientId,
    scopes: [...authInfo.scopes],
    ...(authInfo.resource !== undefined && { resource: authInfo.resource.href }),
    ...(authInfo.expiresAt !== undefined && { expiresAt: authInfo.expiresAt }),
  };
}
