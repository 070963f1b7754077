import type { Context } from 'hono';
import { OAuthError } from '../errors/oauth-error.js';

/** The body of a form POST; anything but `application/x-www-form-urlencoded` is refused. */
export async function readForm(c: Context): Promise<URLSearchParams> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new OAuthError('invalid_request', 'Expected a form (application/x-www-form-urlencoded).');
  }
  return new URLSearchParams(await c.req.text());
}

/** The single value of a form field, or undefined when absent, empty or repeated. */
export function field(form: URLSearchParams, name: string): string | undefined {
  const values = form.getAll(name);
  return values.length === 1 && values[0] !== '' ? values[0] : undefined;
}
