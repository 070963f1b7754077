import type { Context } from 'hono';
import { OAuthError } from '../../errors/oauth-error.js';
import { consentPage } from '../../ui/consent-page.js';
import { errorResponseUrl } from '../authorization-response.js';
import { consentView } from '../consent-view.js';
import { csrfToken, csrfValid } from '../csrf.js';
import { field, readForm } from '../form.js';
import { issueCode } from '../issue-code.js';
import { sendFlowError, sendPage } from '../page-response.js';
import { peekPending, takePending } from '../pending.js';
import { rememberConsent } from '../remembered-consent.js';
import type { AuthorizeRuntime } from '../runtime.js';

/** GET `/authorize/consent?request=…`: who is asking, where the browser will go, for what. */
export async function showConsent(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const requestId = c.req.query('request') ?? '';
  const pending = await peekPending(rt.deps, requestId);
  if (pending?.kind !== 'authorize') return sendFlowError(c, rt.issuerHost, 'expired');
  const session = await rt.sessions.read(c);
  if (!session?.user) return c.redirect(`/authorize/login?request=${encodeURIComponent(requestId)}`, 303);
  const { request } = pending;
  return sendPage(
    c,
    consentPage({
      ...consentView(rt, request),
      requestId,
      csrf: csrfToken(rt.keys.csrf, 'consent', requestId, session.sid),
      userName: session.user.displayName,
    }),
    { redirectUri: request.redirectUri },
  );
}

/**
 * POST `/authorize/consent`: the signed-in user's decision, with a CSRF token bound to this
 * request and this browser session. The pending request is used up here, so a decision counts
 * once. Allow remembers the consent and issues the code; Deny sends `access_denied`.
 */
export async function submitConsent(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const form = await readForm(c);
  const requestId = field(form, 'request') ?? '';
  const decision = field(form, 'decision');
  const session = await rt.sessions.read(c);
  if (!session?.user || !csrfValid(rt.keys.csrf, 'consent', requestId, session.sid, field(form, 'csrf'))) {
    return sendFlowError(c, rt.issuerHost, 'forged');
  }
  if (decision !== 'allow' && decision !== 'deny') {
    throw new OAuthError('invalid_request', 'The consent form must say allow or deny.');
  }
  const pending = await takePending(rt.deps, requestId);
  if (pending?.kind !== 'authorize') return sendFlowError(c, rt.issuerHost, 'expired');
  const { request } = pending;
  c.header('Cache-Control', 'no-store');
  if (decision === 'deny') {
    rt.deps.logger.info('consent_denied', { clientId: request.clientId, userId: session.user.userId });
    const denied = new OAuthError('access_denied', 'The user denied the request.');
    return c.redirect(errorResponseUrl(request.redirectUri, denied, request.state, rt.deps.urls.issuer), 303);
  }
  await rememberConsent(rt.deps.store, session.user.userId, request, rt.deps.now());
  return c.redirect(await issueCode(rt.deps, request, session.user), 303);
}
