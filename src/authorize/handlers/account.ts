import type { Context } from 'hono';
import { accountPage } from '../../ui/account-page.js';
import { revokeClientAccess } from '../../users/consents.js';
import { csrfToken, csrfValid } from '../csrf.js';
import { field, readForm } from '../form.js';
import { sendFlowError, sendPage } from '../page-response.js';
import { putPending } from '../pending.js';
import type { AuthorizeRuntime } from '../runtime.js';

// Account forms are not tied to a pending request: their CSRF tokens bind to the session alone.
const ACCOUNT = 'account';

const NOTICES: Readonly<Record<string, string>> = {
  revoked: 'Access revoked. The application’s tokens no longer work, and it will have to ask you again.',
};

/** GET `/account`: the applications this user has allowed (sign in first if needed). */
export async function showAccount(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const session = await rt.sessions.read(c);
  if (!session?.user) {
    const requestId = await putPending(rt.deps, { kind: 'account' });
    return c.redirect(`/authorize/login?request=${encodeURIComponent(requestId)}`, 303);
  }
  const consents = await rt.deps.store.listConsentsByUser(session.user.userId);
  const notice = NOTICES[c.req.query('notice') ?? ''];
  return sendPage(
    c,
    accountPage({
      issuerHost: rt.issuerHost,
      userName: session.user.displayName,
      csrf: csrfToken(rt.keys.csrf, 'account', ACCOUNT, session.sid),
      consents: consents
        .sort((a, b) => b.grantedAt - a.grantedAt)
        .map((consent) => ({ clientId: consent.clientId, scopes: consent.scopes, grantedAt: new Date(consent.grantedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' })),
      ...(notice ? { notice } : {}),
    }),
  );
}

/** POST `/account/revoke`: forgets the consent and revokes every grant the client holds for this user. */
export async function revokeFromAccount(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const form = await readForm(c);
  const session = await rt.sessions.read(c);
  if (!session?.user || !csrfValid(rt.keys.csrf, 'account', ACCOUNT, session.sid, field(form, 'csrf'))) {
    return sendFlowError(c, rt.issuerHost, 'forged');
  }
  const clientId = field(form, 'client_id');
  if (clientId) {
    await revokeClientAccess(rt.deps.store, session.user.userId, clientId, rt.deps.now());
    rt.deps.logger.info('consent_revoked', { userId: session.user.userId, clientId });
  }
  return c.redirect('/account?notice=revoked', 303);
}

/** POST `/account/logout`: ends the browser session. */
export async function logoutFromAccount(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const form = await readForm(c);
  const session = await rt.sessions.read(c);
  if (!session || !csrfValid(rt.keys.csrf, 'account', ACCOUNT, session.sid, field(form, 'csrf'))) {
    return sendFlowError(c, rt.issuerHost, 'forged');
  }
  rt.sessions.clear(c);
  return c.redirect('/account', 303);
}
