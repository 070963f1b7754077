import { OAuthError } from '../errors/oauth-error.js';

/** Parameters RFC 8707 allows more than once; every other one must appear at most once (RFC 6749 §3.2). */
const REPEATABLE = new Set(['resource']);

/** A parsed `application/x-www-form-urlencoded` body with single-valued access. */
export interface Form {
  /** The parameter's value; an empty value counts as absent (RFC 6749 §3.1). */
  get(name: string): string | undefined;
  getAll(name: string): string[];
  has(name: string): boolean;
}

/**
 * Reads the body of a token, revocation or introspection request. Only form encoding is
 * accepted: it is what RFC 6749 §3.2, RFC 7009 and RFC 7662 define, and refusing JSON keeps
 * these endpoints out of reach of cross-origin simple requests that would not be forms.
 */
export async function readForm(request: Request): Promise<Form> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'The request body must be application/x-www-form-urlencoded.');
  }
  const params = new URLSearchParams(await request.text());
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name) && !REPEATABLE.has(name)) {
      throw new OAuthError('invalid_request', `The parameter "${name}" appears more than once.`);
    }
    seen.add(name);
  }
  return {
    get: (name) => {
      const value = params.get(name);
      return value === null || value === '' ? undefined : value;
    },
    getAll: (name) => params.getAll(name).filter((v) => v !== ''),
    has: (name) => (params.get(name) ?? '') !== '',
  };
}

/** The parameter's value, or `invalid_request` naming it. */
export function requireParam(form: Form, name: string): string {
  const value = form.get(name);
  if (value === undefined) throw new OAuthError('invalid_request', `The "${name}" parameter is required.`);
  return value;
}
