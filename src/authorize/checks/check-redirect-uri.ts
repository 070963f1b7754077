import { OAuthError } from '../../errors/oauth-error.js';
import { earlier, type AuthorizeContext } from '../context.js';
import { redirectUriMatches } from '../loopback-redirect.js';

/**
 * `redirect_uri` must be one the client registered, by exact string match (any port for
 * loopback URIs). It is required even when only one is registered: the MCP authorization spec
 * has clients send it, and the token request must repeat it. Only after this check may an error
 * be sent back to the client.
 */
export function checkRedirectUri(ctx: AuthorizeContext): void {
  const { record } = earlier(ctx.client, 'client');
  const requested = ctx.params.one('redirect_uri');
  if (requested === undefined) throw new OAuthError('invalid_request', 'The request has no redirect_uri.');
  if (!record.redirectUris.some((registered) => redirectUriMatches(registered, requested))) {
    throw new OAuthError('invalid_request', 'The redirect_uri is not one this client registered.');
  }
  ctx.redirectUri = requested;
}
