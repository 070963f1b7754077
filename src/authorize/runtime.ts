import type { AppDeps } from '../app/deps.js';
import type { ClientResolver } from '../clients/contract.js';
import type { Hono } from 'hono';
import type { GatehouseEnv } from '../http/env.js';
import type { PasswordIdentityProvider, RedirectIdentityProvider } from '../users/identity-provider.js';
import { localPasswordProvider } from '../users/local-provider.js';
import { authorizeKeys, type AuthorizeKeys } from './secrets.js';
import { sessionCookies, type SessionCookies } from './session.js';

/** What every authorize handler works with, built once when the routes are made. */
export interface AuthorizeRuntime {
  deps: AppDeps;
  clients: ClientResolver;
  keys: AuthorizeKeys;
  sessions: SessionCookies;
  passwords: PasswordIdentityProvider;
  /** Sign-in elsewhere (src/upstream): one button each on the sign-in page. */
  redirectProviders: RedirectIdentityProvider[];
  /** The issuer's host, shown on every page. */
  issuerHost: string;
}

export interface AuthorizeOptions {
  clients: ClientResolver;
  /** Where the cookie secret variable is read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Checks typed-in passwords (default: local users in the store). */
  passwords?: PasswordIdentityProvider;
  /** Providers that sign in elsewhere (src/upstream), and the routes their sign-ins come back to. */
  redirectProviders?: RedirectIdentityProvider[];
  signInRoutes?: (rt: AuthorizeRuntime) => Hono<GatehouseEnv>;
}

export function authorizeRuntime(deps: AppDeps, options: AuthorizeOptions): AuthorizeRuntime {
  const keys = authorizeKeys(deps, options.env);
  return {
    deps,
    clients: options.clients,
    keys,
    sessions: sessionCookies(deps, keys.session),
    passwords: options.passwords ?? localPasswordProvider(deps.store),
    redirectProviders: options.redirectProviders ?? [],
    issuerHost: new URL(deps.urls.issuer).host,
  };
}
