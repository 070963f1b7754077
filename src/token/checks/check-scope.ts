import { OAuthError } from '../../errors/oauth-error.js';
import type { Form } from '../form.js';

/**
 * RFC 6749 §6: a refresh may ask for fewer scopes than the grant holds, never more. Absent
 * `scope` means all of the grant's scopes.
 */
export function narrowScopes(form: Form, granted: string[]): string[] {
  const requested = form.get('scope');
  if (requested === undefined) return granted;
  const wanted = [...new Set(requested.split(' ').filter((s) => s !== ''))];
  const extra = wanted.filter((s) => !granted.includes(s));
  if (extra.length > 0) throw new OAuthError('invalid_scope', `Scope(s) not granted: ${extra.join(' ')}.`);
  if (wanted.length === 0) throw new OAuthError('invalid_scope', 'scope must name at least one scope.');
  return wanted;
}
