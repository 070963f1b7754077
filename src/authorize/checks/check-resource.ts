import { canonicalResource } from '../../app/resource-uri.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { AuthorizeContext } from '../context.js';

/**
 * RFC 8707 `resource`: the tokens are bound to exactly one audience, and this server issues
 * tokens only for its own MCP endpoint. Absent, it defaults to that endpoint (clients of older
 * MCP revisions do not send it). Compared in canonical form, so case in the scheme and host, a
 * default port or a trailing slash make no difference.
 */
export function checkResource(ctx: AuthorizeContext): void {
  const values = ctx.params.all('resource');
  const served = ctx.deps.urls.mcp;
  if (values.length === 0) {
    ctx.resource = served;
    return;
  }
  if (values.length > 1) throw new OAuthError('invalid_target', 'Ask for one resource at a time.');
  const canonical = canonicalResource(values[0]!);
  if (canonical === undefined) {
    throw new OAuthError('invalid_target', 'The resource must be an absolute URL without a fragment.');
  }
  if (canonical !== canonicalResource(served)) {
    throw new OAuthError('invalid_target', 'This authorization server does not issue tokens for that resource.');
  }
  ctx.resource = served;
}
