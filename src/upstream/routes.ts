import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sendErrorPage } from '../authorize/page-response.js';
import type { AuthorizeRuntime } from '../authorize/runtime.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { GatehouseEnv } from '../http/env.js';
import { upstreamCallback } from './flow/callback.js';
import { showUpstreamConsent, submitUpstreamConsent } from './flow/consent-first.js';
import type { UpstreamProvider } from './providers/types.js';
import type { UpstreamRuntime } from './runtime.js';

const MAX_FORM_BYTES = 16 * 1024;

/**
 * The browser side of upstream sign-in, mounted beside the authorize routes (it shares their
 * sessions, CSRF keys and `completeLogin`): our consent before leaving, and the callback.
 */
export function upstreamRoutes(rt: AuthorizeRuntime, up: UpstreamRuntime): Hono<GatehouseEnv> {
  const app = new Hono<GatehouseEnv>();
  type Handler = (provider: UpstreamProvider, c: Context) => Promise<Response>;
  const on = (handler: Handler) => async (c: Context) => {
    const provider = up.providers.get(c.req.param('provider') ?? '');
    if (!provider) return sendErrorPage(c, rt.issuerHost, new OAuthError('not_found', 'No such sign-in provider.'));
    try {
      return await handler(provider, c);
    } catch (cause) {
      if (cause instanceof OAuthError) return sendErrorPage(c, rt.issuerHost, cause);
      throw cause;
    }
  };
  const limit = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => sendErrorPage(c, rt.issuerHost, new OAuthError('invalid_request', 'The form is too large.')) });

  app.get('/upstream/:provider/consent', on((provider, c) => showUpstreamConsent(rt, provider, c)));
  app.post('/upstream/:provider/consent', limit, on((provider, c) => submitUpstreamConsent(rt, up, provider, c)));
  app.get('/upstream/:provider/callback', on((provider, c) => upstreamCallback(rt, up, provider, c)));
  return app;
}
