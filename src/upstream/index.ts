/**
 * Upstream identity: sign-in at GitHub, Google, Microsoft Entra, Okta, any OIDC issuer or a
 * plain OAuth 2.0 provider; the sealed token vault; tool access to upstream tokens. See
 * docs/upstream.md.
 */
import type { AppDeps } from '../app/deps.js';
import type { AuthorizeRuntime } from '../authorize/runtime.js';
import type { Sealer } from '../crypto/sealer.js';
import type { McpFetchHandler } from '../mcp/handler.js';
import type { RedirectIdentityProvider } from '../users/identity-provider.js';
import { providersFromConfig } from './providers/from-config.js';
import { upstreamRoutes } from './routes.js';
import { consentPath, type UpstreamRuntime } from './runtime.js';
import { withUpstreamAccess } from './tool-access.js';
import { createUpstreamVault, type UpstreamVault } from './vault/vault.js';

export interface Upstream {
  vault: UpstreamVault;
  /** For the authorize routes: buttons on the sign-in page and the routes that finish sign-in. */
  signIn: {
    redirectProviders: RedirectIdentityProvider[];
    signInRoutes: (rt: AuthorizeRuntime) => ReturnType<typeof upstreamRoutes>;
  };
  /** Gives the MCP server's tools access to the signed-in user's upstream tokens. */
  withToolAccess(mcp: McpFetchHandler): McpFetchHandler;
}

/** Builds the configured providers (reading their credentials now) — undefined when there are none. */
export function createUpstream(deps: AppDeps, options: { sealer: Sealer; env?: NodeJS.ProcessEnv }): Upstream | undefined {
  const providers = providersFromConfig(deps, options.env);
  if (providers.length === 0) return undefined;
  const vault = createUpstreamVault(deps, options.sealer, providers);
  const runtime: UpstreamRuntime = { deps, providers: new Map(providers.map((p) => [p.name, p])), vault, sealer: options.sealer };
  return {
    vault,
    signIn: {
      redirectProviders: providers.map((p) => ({
        kind: 'redirect',
        name: p.name,
        label: p.label,
        begin: async (pendingId) => new URL(`${consentPath(p.name)}?request=${encodeURIComponent(pendingId)}`, deps.urls.base),
      })),
      signInRoutes: (rt) => upstreamRoutes(rt, runtime),
    },
    withToolAccess: (mcp) => withUpstreamAccess(mcp, vault),
  };
}

export { getUpstreamToken, upstreamAccessOf, UPSTREAM_EXTRA, type UpstreamToolAccess } from './tool-access.js';
export { UpstreamTokenUnavailable } from './vault/errors.js';
export type { UpstreamAccessToken, UpstreamVault } from './vault/vault.js';
export { upstreamUserId, providerOfUser } from './user-id.js';
