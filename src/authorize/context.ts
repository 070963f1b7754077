import type { AppDeps } from '../app/deps.js';
import type { ClientResolver, ResolvedClient } from '../clients/contract.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { AuthorizeParams } from './params.js';

/**
 * What the checks work on: each named check reads `params` and fills in the part it vouches
 * for. `redirectUri` is set only once it is verified, and from then on errors go back to it.
 */
export interface AuthorizeContext {
  deps: AppDeps;
  clients: ClientResolver;
  params: AuthorizeParams;
  client?: ResolvedClient;
  redirectUri?: string;
  state?: string;
  codeChallenge?: string;
  resource?: string;
  scopes?: string[];
}

/** A value an earlier check must have set: missing means the pipeline table is out of order. */
export function earlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new OAuthError('server_error', `The authorization pipeline ran out of order (${what}).`);
  return value;
}
