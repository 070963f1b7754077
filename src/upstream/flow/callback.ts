import type { Context } from 'hono';
import { errorResponseUrl } from '../../authorize/authorization-response.js';
import { sendPage } from '../../authorize/page-response.js';
import { putPending } from '../../authorize/pending.js';
import { rememberConsent } from '../../authorize/remembered-consent.js';
import type { AuthorizationRequest } from '../../authorize/request.js';
import { completeLogin } from '../../authorize/resume.js';
import type { AuthorizeRuntime } from '../../authorize/runtime.js';
import { OAuthError } from '../../errors/oauth-error.js';
import { errorPage } from '../../ui/error-page.js';
import type { UpstreamProvider } from '../providers/types.js';
import { callbackUrl, type UpstreamRuntime } from '../runtime.js';
import { upstreamUserId } from '../user-id.js';
import { takeSignIn } from './pending-sign-in.js';

/**
 * GET `/upstream/<provider>/callback`: the upstream sends the browser back here. In order:
 * a `state` must be present; it must be one we stored (after consent), for this provider, not
 * yet used, not expired, and approved in THIS browser; then an upstream error goes back to the
 * client as a spec-shaped error; else the code is redeemed (PKCE, ID token checks), the upstream
 * identity becomes a Gatehouse user, the tokens go sealed into the vault, and the sign-in ends
 * like every other one, in `completeLogin`, which issues OUR code to the MCP client.
 */
export async function upstreamCallback(rt: AuthorizeRuntime, up: UpstreamRuntime, provider: UpstreamProvider, c: Context): Promise<Response> {
  const callback = new URL(c.req.url);
  const state = callback.searchParams.get('state');
  if (!state) return refuse(c, rt, 400, 'This sign-in can’t continue', `The answer from ${provider.name} carries no state, so Gatehouse cannot tell which request it belongs to. Go back to the application and start again.`);
  const session = await rt.sessions.read(c);
  const lookup = await takeSignIn(up, state, provider.name, session?.sid);
  if (lookup.status === 'other-browser') {
    rt.deps.logger.warn('upstream_state_other_browser', { provider: provider.name });
    return refuse(c, rt, 403, 'Sign-in started elsewhere', 'This sign-in was approved in another browser (or your session ended). Go back to the application and start again here.');
  }
  if (lookup.status === 'unknown') {
    return refuse(c, rt, 400, 'This sign-in has expired', 'This answer was already used or waited too long. Go back to the application and start again.');
  }
  const { request, secrets } = lookup.signIn;
  c.header('Cache-Control', 'no-store');

  const upstreamError = callback.searchParams.get('error');
  if (upstreamError !== null) {
    rt.deps.logger.info('upstream_sign_in_error', { provider: provider.name, error: upstreamError.slice(0, 64), clientId: request.clientId });
    return backToClient(c, rt, request, clientErrorFor(upstreamError, provider.name));
  }

  let result;
  try {
    result = await provider.finishSignIn(callback, secrets, callbackUrl(rt.deps, provider.name));
  } catch (cause) {
    rt.deps.logger.warn('upstream_sign_in_failed', { provider: provider.name, message: (cause as Error).message, clientId: request.clientId });
    return backToClient(c, rt, request, new OAuthError('server_error', `Signing in with ${provider.name} did not complete.`));
  }
  const userId = upstreamUserId(provider.name, result.identity.subject);
  await up.vault.save(userId, provider.name, result.tokens);
  // The user approved this client on our consent page before leaving for the upstream.
  await rememberConsent(rt.deps.store, userId, request, rt.deps.now());
  const requestId = await putPending(rt.deps, { kind: 'authorize', request });
  return completeLogin(rt, c, { userId, displayName: result.identity.displayName, provider: provider.name }, requestId);
}

/** Our error for the client: a denial stays a denial; the upstream's own words are not relayed. */
function clientErrorFor(upstreamError: string, provider: string): OAuthError {
  if (upstreamError === 'access_denied') return new OAuthError('access_denied', `The user did not sign in with ${provider}.`);
  if (upstreamError === 'temporarily_unavailable') return new OAuthError('temporarily_unavailable', `${provider} is unavailable; try again later.`);
  return new OAuthError('server_error', `${provider} could not sign the user in.`);
}

function backToClient(c: Context, rt: AuthorizeRuntime, request: AuthorizationRequest, error: OAuthError): Response {
  return c.redirect(errorResponseUrl(request.redirectUri, error, request.state, rt.deps.urls.issuer), 303);
}

function refuse(c: Context, rt: AuthorizeRuntime, status: number, title: string, message: string): Promise<Response> {
  return sendPage(c, errorPage({ issuerHost: rt.issuerHost, title, message }), { status });
}
