import type { ClientRecord } from '../store/contract.js';
import { OAuthError } from '../errors/oauth-error.js';
import { checkGrantTypeAllowed } from './checks/check-grant-type-allowed.js';
import type { TokenContext } from './context.js';
import { requireParam, type Form } from './form.js';
import { authorizationCodeGrant } from './grants/authorization-code.js';
import { refreshTokenGrant } from './grants/refresh-token.js';
import type { AuthenticatedClient } from './client-auth/authenticate-client.js';

type GrantHandler = (ctx: TokenContext, form: Form, client: ClientRecord) => Promise<Response>;

/** The grants this AS serves; anything else is `unsupported_grant_type`. */
export const GRANTS: Readonly<Record<string, GrantHandler>> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
};

/** `POST /token` after client authentication: pick the grant, check the client may use it, run it. */
export async function tokenEndpoint(ctx: TokenContext, form: Form, caller: AuthenticatedClient): Promise<Response> {
  const grantType = requireParam(form, 'grant_type');
  const handler = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined;
  if (!handler) throw new OAuthError('unsupported_grant_type', `grant_type "${grantType}" is not supported.`);
  checkGrantTypeAllowed(caller.client, grantType);
  return handler(ctx, form, caller.client);
}
