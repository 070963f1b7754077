import type { Context } from 'hono';
import { errorResponseUrl } from '../authorization-response.js';
import { readForm } from '../form.js';
import { issueCode } from '../issue-code.js';
import { sendErrorPage } from '../page-response.js';
import { AuthorizeParams } from '../params.js';
import { putPending } from '../pending.js';
import { runAuthorizePipeline } from '../pipeline.js';
import { consentCovers } from '../remembered-consent.js';
import type { AuthorizeRuntime } from '../runtime.js';

/**
 * GET or POST `/authorize`: run the checks; on failure show a page (client or redirect URI not
 * verified) or redirect the error back; on success send the browser to sign in, to consent, or —
 * signed in with consent remembered — straight back to the client with a code.
 */
export async function handleAuthorize(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const source = c.req.method === 'POST' ? await readForm(c) : new URL(c.req.url).searchParams;
  const outcome = await runAuthorizePipeline({ deps: rt.deps, clients: rt.clients, params: new AuthorizeParams(source) });
  c.header('Cache-Control', 'no-store');
  if (!outcome.ok) {
    if (!outcome.redirectUri) return sendErrorPage(c, rt.issuerHost, outcome.error);
    return c.redirect(errorResponseUrl(outcome.redirectUri, outcome.error, outcome.state, rt.deps.urls.issuer), 302);
  }
  const session = await rt.sessions.ensure(c);
  const { request } = outcome;
  if (session.user && (await consentCovers(rt.deps.store, session.user.userId, request))) {
    return c.redirect(await issueCode(rt.deps, request, session.user), 302);
  }
  const requestId = await putPending(rt.deps, { kind: 'authorize', request });
  const step = session.user ? 'consent' : 'login';
  return c.redirect(`/authorize/${step}?request=${encodeURIComponent(requestId)}`, 302);
}
