import { jsonResponse } from '../../http/respond.js';
import type { IssuedAccessToken } from './access-token.js';

/** The RFC 6749 §5.1 success body. */
export interface TokenResponseBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export function tokenResponseBody(access: IssuedAccessToken, scopes: string[], refreshToken?: string): TokenResponseBody {
  return {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: access.expiresIn,
    scope: scopes.join(' '),
    ...(refreshToken !== undefined ? { refresh_token: refreshToken } : {}),
  };
}

/** Token-bearing: never stored by any cache (RFC 6749 §5.1). */
export function tokenResponse(body: TokenResponseBody): Response {
  return jsonResponse(body, { noStore: true });
}
