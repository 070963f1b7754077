import { OAuthError } from '../../errors/oauth-error.js';
import type { AuthorizeContext } from '../context.js';

/**
 * Who is asking? Resolves `client_id` (pre-registered, CIMD or DCR). Until the redirect URI is
 * verified, failures are shown on an error page: redirecting anywhere would be an open redirect.
 */
export async function checkClient(ctx: AuthorizeContext): Promise<void> {
  const clientId = ctx.params.one('client_id');
  if (clientId === undefined) throw new OAuthError('invalid_request', 'The request has no client_id.');
  ctx.client = await ctx.clients.resolve(clientId);
}
