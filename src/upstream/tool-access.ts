import type { AuthInfo } from '@modelcontextprotocol/server';
import type { McpFetchHandler } from '../mcp/handler.js';
import { providerOfUser } from './user-id.js';
import { UpstreamTokenUnavailable } from './vault/errors.js';
import type { UpstreamAccessToken, UpstreamVault } from './vault/vault.js';

/** The key under `authInfo.extra` where tools find upstream access. */
export const UPSTREAM_EXTRA = 'upstream';

/**
 * What a tool may ask for the signed-in user: an upstream access token for a provider (default:
 * the one the user signed in with). It is the upstream's token, for calls to the upstream only;
 * the MCP client's own token is never handed out, and this one never goes back to the client.
 */
export interface UpstreamToolAccess {
  /** The provider the user signed in with, if they signed in upstream. */
  readonly provider: string | undefined;
  token(provider?: string): Promise<UpstreamAccessToken>;
  /** The provider's userinfo endpoint ("who am I" as the user). */
  userinfoEndpoint(provider?: string): Promise<string | undefined>;
}

/**
 * Wraps the guarded MCP server so every authenticated request's `authInfo.extra.upstream` can
 * fetch that user's upstream tokens from the vault (refreshing when needed).
 */
export function withUpstreamAccess(mcp: McpFetchHandler, vault: UpstreamVault): McpFetchHandler {
  return {
    ...(mcp.close ? { close: () => mcp.close!() } : {}),
    fetch(request, options) {
      const authInfo = options?.authInfo;
      const subject = authInfo?.extra?.['subject'];
      if (!authInfo || typeof subject !== 'string') return mcp.fetch(request, options);
      const access = toolAccess(vault, subject);
      return mcp.fetch(request, { ...options, authInfo: { ...authInfo, extra: { ...authInfo.extra, [UPSTREAM_EXTRA]: access } } });
    },
  };
}

function toolAccess(vault: UpstreamVault, userId: string): UpstreamToolAccess {
  const signedInWith = providerOfUser(userId);
  const choose = (provider?: string) => {
    const name = provider ?? signedInWith;
    if (!name) throw new UpstreamTokenUnavailable('(none)', 'not_linked', 'This user did not sign in with an upstream provider.');
    return name;
  };
  return {
    provider: signedInWith,
    token: (provider) => vault.accessToken(userId, choose(provider)),
    userinfoEndpoint: async (provider) => vault.provider(choose(provider))?.userinfoEndpoint(),
  };
}

/** For tools: the upstream access carried by this request, or an error saying why there is none. */
export function upstreamAccessOf(authInfo: AuthInfo | undefined): UpstreamToolAccess {
  const access = authInfo?.extra?.[UPSTREAM_EXTRA] as UpstreamToolAccess | undefined;
  if (!access) throw new UpstreamTokenUnavailable('(none)', 'not_linked', 'Upstream sign-in is not configured on this server.');
  return access;
}

/** For tools: an upstream access token for the signed-in user (default: the provider they used). */
export function getUpstreamToken(authInfo: AuthInfo | undefined, provider?: string): Promise<UpstreamAccessToken> {
  return upstreamAccessOf(authInfo).token(provider);
}
