import { jsonResponse } from '../../http/respond.js';
import type { AuthenticatedClient } from '../client-auth/authenticate-client.js';
import { findToken } from '../find-token.js';
import { requireParam, type Form } from '../form.js';
import type { TokenService } from '../token-service.js';
import { revokeToken } from './revoke-token.js';

/**
 * `POST /revoke` (RFC 7009). The answer is 200 whether or not anything was revoked: an unknown
 * token, or another client's token (§2.1: the AS refuses silently), must not be told apart from
 * a revoked one, or the endpoint becomes a token oracle.
 */
export async function revocationEndpoint(service: TokenService, form: Form, caller: AuthenticatedClient): Promise<Response> {
  const token = requireParam(form, 'token');
  const view = await findToken(service.ctx, token, form.get('token_type_hint'));
  if (view && view.clientId === caller.client.clientId) await revokeToken(service.ctx, view);
  return jsonResponse({}, { noStore: true });
}
