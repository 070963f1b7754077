import { OAuthError } from '../errors/oauth-error.js';
import { checkClient } from './checks/check-client.js';
import { checkPkce } from './checks/check-pkce.js';
import { checkRedirectUri } from './checks/check-redirect-uri.js';
import { checkResource } from './checks/check-resource.js';
import { checkResponseType } from './checks/check-response-type.js';
import { checkScope } from './checks/check-scope.js';
import { checkState } from './checks/check-state.js';
import { summariseClient } from './client-summary.js';
import { earlier, type AuthorizeContext } from './context.js';
import type { AuthorizationRequest } from './request.js';

/** The `/authorize` rules, in the order they run. Each one is a file in `checks/`. */
export const AUTHORIZE_CHECKS: ReadonlyArray<(ctx: AuthorizeContext) => void | Promise<void>> = [
  checkClient, //        failures: error page
  checkRedirectUri, //   failures: error page; from here on errors go back to the client
  checkState,
  checkResponseType,
  checkPkce,
  checkResource,
  checkScope,
];

export type PipelineOutcome =
  | { ok: true; request: AuthorizationRequest }
  /** `redirectUri` is set when the error may be sent back to the client. */
  | { ok: false; error: OAuthError; redirectUri?: string; state?: string };

export async function runAuthorizePipeline(ctx: AuthorizeContext): Promise<PipelineOutcome> {
  try {
    for (const check of AUTHORIZE_CHECKS) await check(ctx);
  } catch (cause) {
    const error = cause instanceof OAuthError ? cause : unexpected(ctx, cause);
    return { ok: false, error, ...(ctx.redirectUri ? { redirectUri: ctx.redirectUri } : {}), ...(ctx.state ? { state: ctx.state } : {}) };
  }
  const client = earlier(ctx.client, 'client');
  const redirectUri = earlier(ctx.redirectUri, 'redirect_uri');
  return {
    ok: true,
    request: {
      clientId: client.record.clientId,
      redirectUri,
      ...(ctx.state ? { state: ctx.state } : {}),
      codeChallenge: earlier(ctx.codeChallenge, 'code_challenge'),
      resource: earlier(ctx.resource, 'resource'),
      scopes: earlier(ctx.scopes, 'scope'),
      client: summariseClient(client, redirectUri),
    },
  };
}

function unexpected(ctx: AuthorizeContext, cause: unknown): OAuthError {
  ctx.deps.logger.error('authorize_check_failed', { message: (cause as Error)?.message, stack: (cause as Error)?.stack });
  return new OAuthError('server_error', 'The server hit an unexpected problem.', { cause });
}
