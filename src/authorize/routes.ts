import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../app/deps.js';
import { enforceRateLimit, requestAddress } from '../http/rate-limit.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { GatehouseEnv } from '../http/env.js';
import { logoutFromAccount, revokeFromAccount, showAccount } from './handlers/account.js';
import { handleAuthorize } from './handlers/authorize.js';
import { showConsent, submitConsent } from './handlers/consent.js';
import { showLogin, submitLogin } from './handlers/login.js';
import { sendErrorPage } from './page-response.js';
import { authorizeRuntime, type AuthorizeOptions, type AuthorizeRuntime } from './runtime.js';

// Every form here is a few hundred bytes; the authorization request itself is bounded by URL sizes.
const MAX_FORM_BYTES = 64 * 1024;

/**
 * The browser-facing side of the authorization server: `/authorize` (GET and POST), the sign-in
 * and consent steps, and `/account` where users see and revoke what they have allowed. Errors
 * here are pages, never JSON: a person is reading them.
 */
export function authorizeRoutes(deps: AppDeps, options: AuthorizeOptions): Hono<GatehouseEnv> {
  const rt = authorizeRuntime(deps, options);
  const app = new Hono<GatehouseEnv>();
  const on = (handler: (rt: AuthorizeRuntime, c: Context) => Promise<Response>) => async (c: Context) => {
    try {
      return await handler(rt, c);
    } catch (cause) {
      if (cause instanceof OAuthError) return sendErrorPage(c, rt.issuerHost, cause);
      throw cause;
    }
  };
  const limit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    // 413 and close: the rest of the body may be unread, and must not be taken for the next request.
    onError: (c) => sendErrorPage(c, rt.issuerHost, new OAuthError('invalid_request', 'The form is too large.', { status: 413, headers: { Connection: 'close' } })),
  });

  const { max, windowSeconds } = deps.config.authorizationServer.authorize.rateLimit;
  app.use('/authorize', async (c, next) => {
    const address = requestAddress(c, deps.config.server.trustProxy);
    try {
      await enforceRateLimit(deps.store, `authorize:${address}`, { max, windowMs: windowSeconds * 1000 }, deps.now(), 'Too many authorization requests from this address; try again later.');
    } catch (cause) {
      if (cause instanceof OAuthError) return sendErrorPage(c, rt.issuerHost, cause);
      throw cause;
    }
    return next();
  });
  app.get('/authorize', on(handleAuthorize));
  app.post('/authorize', limit, on(handleAuthorize));
  app.get('/authorize/login', on(showLogin));
  app.post('/authorize/login', limit, on(submitLogin));
  app.get('/authorize/consent', on(showConsent));
  app.post('/authorize/consent', limit, on(submitConsent));
  app.get('/account', on(showAccount));
  app.post('/account/revoke', limit, on(revokeFromAccount));
  app.post('/account/logout', limit, on(logoutFromAccount));
  if (options.signInRoutes) app.route('/', options.signInRoutes(rt));
  return app;
}
