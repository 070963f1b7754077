import type { AppDeps } from '../app/deps.js';
import type { ClientResolver } from '../clients/contract.js';
import type { PasswordIdentityProvider } from '../users/identity-provider.js';
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
  /** The issuer's host, shown on every page. */
  issuerHost: string;
}

export interface AuthorizeOptions {
  clients: ClientResolver;
  /** Where the cookie secret variable is read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Checks typed-in passwords (default: local users in the store). */
  passwords?: PasswordIdentityProvider;
}

export function authorizeRuntime(deps: AppDeps, options: AuthorizeOptions): AuthorizeRuntime {
  const keys = authorizeKeys(deps, options.env);
  return {
    deps,
    clients: options.clients,
    keys,
    sessions: sessionCookies(deps, keys.session),
    passwords: options.passwords ?? localPasswordProvider(deps.store),
    issuerHost: new URL(deps.urls.issuer).host,
  };
}
