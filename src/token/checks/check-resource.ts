import { canonicalResource } from '../../app/resource-uri.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Form } from '../form.js';

/**
 * RFC 8707 at the token endpoint: `resource` may be left out (the grant's resource applies), but
 * if sent it must name that same resource, in the canonical form `/authorize` compared it in.
 * Tokens here carry one audience, so several `resource` values cannot be honoured either.
 */
export function checkResource(form: Form, bound: string): void {
  const sent = form.getAll('resource');
  if (sent.length === 0) return;
  if (sent.length > 1) throw new OAuthError('invalid_target', 'Only one resource can be requested per token.');
  const canonical = canonicalResource(sent[0]!);
  if (canonical === undefined) throw new OAuthError('invalid_target', 'resource must be an absolute http(s) URI without a fragment.');
  if (canonical !== canonicalResource(bound)) {
    throw new OAuthError('invalid_target', 'The resource differs from the one this grant was authorized for.');
  }
}
