import type { Context } from 'hono';
import { OAuthError } from '../../errors/oauth-error.js';
import { enforceRateLimit, requestAddress } from '../../http/rate-limit.js';
import { normaliseUsername } from '../../users/users.js';
import { loginPage, type LoginPageOptions } from '../../ui/login-page.js';
import { csrfToken, csrfValid } from '../csrf.js';
import { field, readForm } from '../form.js';
import { sendFlowError, sendPage } from '../page-response.js';
import { peekPending, type Pending } from '../pending.js';
import { completeLogin, resume } from '../resume.js';
import type { AuthorizeRuntime } from '../runtime.js';
import type { BrowserSession } from '../session.js';

const MAX_USERNAME_LENGTH = 256;

/** GET `/authorize/login?request=…`: the sign-in form (or straight on, if already signed in). */
export async function showLogin(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const requestId = c.req.query('request') ?? '';
  const pending = await peekPending(rt.deps, requestId);
  if (!pending) return sendFlowError(c, rt.issuerHost, 'expired');
  const session = await rt.sessions.ensure(c);
  if (session.user) return resume(rt, c, requestId, { ...session, user: session.user });
  return renderLogin(rt, c, requestId, pending, session);
}

/**
 * POST `/authorize/login`: CSRF, throttling per username and client address, then the password.
 * A wrong password and an unknown username get the same answer in the same time.
 */
export async function submitLogin(rt: AuthorizeRuntime, c: Context): Promise<Response> {
  const form = await readForm(c);
  const requestId = field(form, 'request') ?? '';
  const session = await rt.sessions.read(c);
  if (!session) return sendFlowError(c, rt.issuerHost, 'cookies');
  const pending = await peekPending(rt.deps, requestId);
  if (!pending) return sendFlowError(c, rt.issuerHost, 'expired');
  if (!csrfValid(rt.keys.csrf, 'login', requestId, session.sid, field(form, 'csrf'))) {
    return sendFlowError(c, rt.issuerHost, 'forged');
  }
  const username = field(form, 'username') ?? '';
  const password = field(form, 'password') ?? '';
  const retry = (error: string, status: number, headers?: Record<string, string>) =>
    renderLogin(rt, c, requestId, pending, session, { username: username.slice(0, MAX_USERNAME_LENGTH), error }, status, headers);
  if (!username || !password || username.length > MAX_USERNAME_LENGTH) return retry('Enter your username and password.', 400);

  const { maxAttempts, windowSeconds } = rt.deps.config.authorizationServer.authorize.loginThrottle;
  const ip = requestAddress(c, rt.deps.config.server.trustProxy);
  const limit = { max: maxAttempts, windowMs: windowSeconds * 1000 };
  try {
    await enforceRateLimit(rt.deps.store, `authorize:login:${normaliseUsername(username)}|${ip}`, limit, rt.deps.now());
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    // Throttled: the sign-in page again (a person is reading), with the limit's Retry-After.
    const retryAfter = Number(error.headers['Retry-After']);
    rt.deps.logger.warn('login_throttled', { ip });
    return retry(`Too many sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, error.status, error.headers);
  }
  const user = await rt.passwords.verify(username, password);
  if (!user) {
    rt.deps.logger.info('login_failed', { ip });
    return retry('That username and password do not match.', 401);
  }
  return completeLogin(rt, c, user, requestId);
}

async function renderLogin(
  rt: AuthorizeRuntime,
  c: Context,
  requestId: string,
  pending: Pending,
  session: BrowserSession,
  extra: Pick<LoginPageOptions, 'username' | 'error'> = {},
  status = 200,
  headers?: Record<string, string>,
): Promise<Response> {
  const request = pending.kind === 'authorize' ? pending.request : undefined;
  const providers = await Promise.all(rt.redirectProviders.map(async (p) => ({ label: p.label, start: await p.begin(requestId) })));
  return sendPage(
    c,
    loginPage({
      issuerHost: rt.issuerHost,
      requestId,
      csrf: csrfToken(rt.keys.csrf, 'login', requestId, session.sid),
      ...(request ? { clientName: request.client.name } : {}),
      ...(request && providers.length > 0 ? { providers } : {}),
      ...extra,
    }),
    { status, ...(request ? { redirectUri: request.redirectUri } : {}), ...(headers ? { headers } : {}) },
  );
}
