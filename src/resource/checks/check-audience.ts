import { OAuthError } from '../../errors/oauth-error.js';
import type { Principal } from '../principal.js';

/**
 * RFC 8707 / MCP: a token is accepted only if it was issued for this resource. A token minted for
 * another MCP server is refused even when its signature is good (no token passthrough, no
 * confused deputy). Compared as exact strings: the canonical URL is the only spelling we issue.
 */
export function checkAudience(principal: Principal, resource: string): void {
  if (!principal.audience.includes(resource)) {
    throw new OAuthError('invalid_token', 'The access token was not issued for this resource.');
  }
}
