import { insufficientScope, type ChallengeContext } from '../resource/challenges.js';
import type { Principal } from '../resource/principal.js';
import { oauthErrorResponse } from '../http/respond.js';

/**
 * Per-tool scopes are declared where tools are registered (`scopeChallenge: requireScopes(...)`)
 * and the SDK v2 enforces them itself, in both eras, as an HTTP 403: for 2026-07-28 requests after
 * checking that the `Mcp-Method`/`Mcp-Name` headers agree with the body, for 2025 requests in the
 * transport before dispatch. So the guard adds no check of its own; it only re-issues the SDK's
 * challenge in our form: the SDK asks for the needed scopes alone, the MCP spec recommends needed
 * plus already held (so re-authorizing does not drop access), and our body is the `OAuthError` JSON.
 */
export function restateScopeChallenge(response: Response, principal: Principal, ctx: ChallengeContext): Response {
  if (response.status !== 403) return response;
  const header = response.headers.get('www-authenticate') ?? '';
  if (!/error="insufficient_scope"/.test(header)) return response;
  const needed = /(?:^|[\s,])scope="([^"]*)"/.exec(header)?.[1]?.split(' ').filter(Boolean) ?? [];
  void response.body?.cancel();
  return oauthErrorResponse(insufficientScope(ctx, needed, principal.scopes));
}
