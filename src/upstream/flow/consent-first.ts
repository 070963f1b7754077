import type { Context } from 'hono';
import * as oauth from 'oauth4webapi';
import { errorResponseUrl } from '../../authorize/authorization-response.js';
import { consentView } from '../../authorize/consent-view.js';
import { csrfToken, csrfValid } from '../../authorize/csrf.js';
import { field, readForm } from '../../authorize/form.js';
import { sendFlowError, sendPage } from '../../authorize/page-response.js';
import { peekPending, takePending } from '../../authorize/pending.js';
import type { AuthorizeRuntime } from '../../authorize/runtime.js';
import { OAuthError } from '../../errors/oauth-error.js';
import { consentPage } from '../../ui/consent-page.js';
import type { UpstreamProvider } from '../providers/types.js';
import { callbackUrl, consentPath, type UpstreamRuntime } from '../runtime.js';
import { putSignIn } from './pending-sign-in.js';

/**
 * Our consent comes BEFORE the browser goes to the upstream. The upstream may remember its own
 * consent for Gatehouse and bounce straight back; without this page, any MCP client could then
 * get a Gatehouse code for a user who never saw who was asking (the confused deputy of MCP's
 * security guidance). The CSRF token binds the decision to this request, this provider and
 * this browser session.
 */
const bindTo = (provider: UpstreamProvider, requestId: string) => `${provider.name}|${requestId}`;

/** GET `/upstream/<provider>/consent?request=…`: who is asking, then "you will sign in at X next". */
export async function showUpstreamConsent(rt: AuthorizeRuntime, provider: UpstreamProvider, c: Context): Promise<Response> {
  const requestId = c.req.query('request') ?? '';
  const pending = await peekPending(rt.deps, requestId);
  if (pending?.kind !== 'authorize') return sendFlowError(c, rt.issuerHost, 'expired');
  const session = await rt.sessions.ensure(c);
  // Already signed in: the ordinary consent step applies (nothing is sent upstream).
  if (session.user) return c.redirect(`/authorize/login?request=${encodeURIComponent(requestId)}`, 303);
  const { request } = pending;
  return sendPage(
    c,
    consentPage({
      ...consentView(rt, request),
      requestId,
      csrf: csrfToken(rt.keys.csrf, 'upstream', bindTo(provider, requestId), session.sid),
      action: consentPath(provider.name),
      signInWith: provider.label.replace(/^Sign in with /, ''),
    }),
    { redirectUri: request.redirectUri, alsoRedirectsTo: await provider.authorizationEndpoint() },
  );
}

/**
 * POST `/upstream/<provider>/consent`: Deny goes back to the client (`access_denied`) and the
 * upstream is never contacted; Allow uses up the pending request, stores the upstream sign-in
 * (state, PKCE verifier, nonce) bound to this browser, and only then redirects upstream.
 */
export async function submitUpstreamConsent(rt: AuthorizeRuntime, up: UpstreamRuntime, provider: UpstreamProvider, c: Context): Promise<Response> {
  const form = await readForm(c);
  const requestId = field(form, 'request') ?? '';
  const decision = field(form, 'decision');
  const session = await rt.sessions.read(c);
  if (!session) return sendFlowError(c, rt.issuerHost, 'cookies');
  if (!csrfValid(rt.keys.csrf, 'upstream', bindTo(provider, requestId), session.sid, field(form, 'csrf'))) {
    return sendFlowError(c, rt.issuerHost, 'forged');
  }
  if (decision !== 'allow' && decision !== 'deny') throw new OAuthError('invalid_request', 'The consent form must say allow or deny.');
  const pending = await takePending(rt.deps, requestId);
  if (pending?.kind !== 'authorize') return sendFlowError(c, rt.issuerHost, 'expired');
  const { request } = pending;
  c.header('Cache-Control', 'no-store');
  if (decision === 'deny') {
    rt.deps.logger.info('consent_denied', { clientId: request.clientId, before: provider.name });
    const denied = new OAuthError('access_denied', 'The user denied the request.');
    return c.redirect(errorResponseUrl(request.redirectUri, denied, request.state, rt.deps.urls.issuer), 303);
  }
  const secrets = { state: oauth.generateRandomState(), codeVerifier: oauth.generateRandomCodeVerifier(), nonce: oauth.generateRandomNonce() };
  await putSignIn(up, { provider: provider.name, request, secrets }, session.sid);
  rt.deps.logger.info('upstream_sign_in_started', { clientId: request.clientId, provider: provider.name });
  return c.redirect((await provider.authorizationUrl(secrets, callbackUrl(rt.deps, provider.name))).href, 303);
}
