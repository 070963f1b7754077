import { OAuthError } from '../../errors/oauth-error.js';
import type { Form } from '../form.js';

/**
 * RFC 8707 at the token endpoint: `resource` may be left out (the grant's resource applies), but
 * if sent it must name that same resource. Tokens here carry one audience, so several
 * `resource` values cannot be honoured either.
 */
export function checkResource(form: Form, bound: string): void {
  const sent = form.getAll('resource');
  if (sent.length === 0) return;
  if (sent.length > 1) throw new OAuthError('invalid_target', 'Only one resource can be requested per token.');
  if (canonical(sent[0]!) !== canonical(bound)) {
    throw new OAuthError('invalid_target', 'The resource differs from the one this grant was authorized for.');
  }
}

/** Scheme and host are case-insensitive; everything else is compared as sent. */
function canonical(resource: string): string {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new OAuthError('invalid_target', 'resource must be an absolute URI.');
  }
  if (url.hash !== '' || resource.includes('#')) throw new OAuthError('invalid_target', 'resource must not contain a fragment.');
  return url.href;
}
