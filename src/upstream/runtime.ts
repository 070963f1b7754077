import type { AppDeps } from '../app/deps.js';
import type { Sealer } from '../crypto/sealer.js';
import type { UpstreamProvider } from './providers/types.js';
import type { UpstreamVault } from './vault/vault.js';

/** What the upstream routes work with, built once at start-up. */
export interface UpstreamRuntime {
  deps: AppDeps;
  providers: ReadonlyMap<string, UpstreamProvider>;
  vault: UpstreamVault;
  /** Seals the PKCE verifier and nonce while a sign-in is on its way through the upstream. */
  sealer: Sealer;
}

/** Where the upstream sends the browser back: registered at the provider as the redirect URI. */
export function callbackUrl(deps: AppDeps, provider: string): string {
  return `${deps.urls.base}/upstream/${provider}/callback`;
}

/** Our consent step, shown before any redirect to the provider. */
export function consentPath(provider: string): string {
  return `/upstream/${provider}/consent`;
}
