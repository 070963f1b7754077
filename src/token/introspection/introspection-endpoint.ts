import { jsonResponse } from '../../http/respond.js';
import { findToken, type TokenView } from '../find-token.js';
import { requireParam, type Form } from '../form.js';
import type { TokenService } from '../token-service.js';
import type { IntrospectionCaller } from './introspection-caller.js';

/**
 * `POST /introspect` (RFC 7662). Unknown, expired, revoked, or (for a client caller) another
 * client's token: `{"active": false}` and nothing else, so the answers cannot be told apart.
 */
export async function introspectionEndpoint(service: TokenService, form: Form, caller: IntrospectionCaller): Promise<Response> {
  const token = requireParam(form, 'token');
  const view = await findToken(service.ctx, token, form.get('token_type_hint'));
  const visible = view !== undefined && (caller.kind === 'resource-server' || view.clientId === caller.clientId);
  return jsonResponse(visible ? describe(view, service.ctx.deps.urls.issuer) : { active: false }, { noStore: true });
}

function describe(view: TokenView, issuer: string): Record<string, unknown> {
  return {
    active: true,
    scope: view.scopes.join(' '),
    client_id: view.clientId,
    sub: view.userId,
    aud: view.resource,
    iss: issuer,
    exp: Math.floor(view.expiresAt / 1000),
    iat: Math.floor(view.issuedAt / 1000),
    // RFC 7662 `token_type` is the RFC 6749 §5.1 access-token type; a refresh token has none.
    ...(view.kind === 'access_token' ? { token_type: 'Bearer' } : {}),
  };
}
