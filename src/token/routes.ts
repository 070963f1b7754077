import { Hono, type Context } from 'hono';
import type { JSONWebKeySet } from 'jose';
import type { AppDeps } from '../app/deps.js';
import type { ClientResolver } from '../clients/contract.js';
import { declaredBodyLimit } from '../http/body-limit.js';
import { anyOriginCors } from '../http/cors.js';
import { OAuthError } from '../errors/oauth-error.js';
import { createAttemptLimiter, type AttemptLimiter } from '../http/attempt-limit.js';
import { requestAddress } from '../http/rate-limit.js';
import type { GatehouseEnv } from '../http/env.js';
import { jsonResponse } from '../http/respond.js';
import { authenticateClient, type ClientAuthDeps } from './client-auth/authenticate-client.js';
import { clientKeyResolver } from './client-auth/client-keys.js';
import { safeJwksFetcher } from './client-auth/fetch-client-jwks.js';
import { INTROSPECTION_PATH, JWKS_PATH, JWKS_WELL_KNOWN_PATH, REVOCATION_PATH, TOKEN_PATH, tokenEndpointUrls } from './endpoints.js';
import { readForm } from './form.js';
import { authenticateIntrospectionCaller } from './introspection/introspection-caller.js';
import { introspectionEndpoint } from './introspection/introspection-endpoint.js';
import { revocationEndpoint } from './revocation/revocation-endpoint.js';
import { tokenEndpoint } from './token-endpoint.js';
import type { TokenService } from './token-service.js';

export interface TokenRoutesOptions {
  clients: ClientResolver;
  service: TokenService;
  /** Fetches a `private_key_jwt` client's `jwks_uri`; default: the clients room's SSRF-safe fetcher. */
  fetchJwks?: (uri: string) => Promise<JSONWebKeySet>;
  /** Extra trusted CA certificates (PEM) for that fetch (`clients.cimd.extraCaFile`). */
  ca?: readonly string[];
}

/**
 * Token, revocation and introspection forms are a few KB at most (a client assertion is the
 * largest part). The cap applies while the body streams in, so nobody can make us buffer more.
 */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * Browser-based MCP clients exchange codes and revoke tokens from their own page. Any origin may:
 * no cookie authorises these requests (the client authenticates in the body or `Authorization`),
 * so a page can do nothing a non-browser client could not. `/introspect` gets no CORS: its
 * callers are resource servers, never pages, and a page has no credentials it should present there.
 */
const BROWSER_CLIENTS = anyOriginCors({ methods: ['POST'], allowHeaders: ['Authorization', 'Content-Type'], exposeHeaders: ['Retry-After'] });

/** Public keys change rarely and verifiers refetch on an unknown kid: a short shared cache is safe. */
const JWKS_CACHE = 'public, max-age=300';

/** A refusal the caller earned (a wrong code, token or secret, a malformed request): a failed attempt. */
const isRefusal = (error: unknown) => error instanceof OAuthError && error.status >= 400 && error.status < 500 && error.code !== 'rate_limited';

/** `/token`, `/revoke`, `/introspect` and the JWKS. */
export function tokenRoutes(deps: AppDeps, options: TokenRoutesOptions): Hono<GatehouseEnv> {
  const { service } = options;
  const tokens = deps.config.authorizationServer.tokens;
  const urls = tokenEndpointUrls(deps.urls.issuer);
  const keys = clientKeyResolver(options.fetchJwks ?? safeJwksFetcher(deps, options.ca));
  const authDepsFor = (endpoint: string): ClientAuthDeps => ({
    clients: options.clients,
    store: deps.store,
    now: deps.now,
    keys,
    audiences: [...new Set([deps.urls.issuer, urls.token, endpoint])],
    maxAge: tokens.clientAssertionMaxAge,
  });
  const authDeps = { token: authDepsFor(urls.token), revocation: authDepsFor(urls.revocation), introspection: authDepsFor(urls.introspection) };
  // Slows down guessing of codes, refresh tokens and client secrets (see attempt-limit.ts).
  const budget = { max: tokens.rateLimitPerMinute, windowMs: 60_000 };
  const limiters = { token: createAttemptLimiter(deps.store, 'token', budget), revoke: createAttemptLimiter(deps.store, 'revoke', budget) };
  const limited = async (c: Context<GatehouseEnv>, limiter: AttemptLimiter, work: () => Promise<Response>): Promise<Response> => {
    const address = requestAddress(c, deps.config.server.trustProxy);
    limiter.admit(address, deps.now());
    try {
      return await work();
    } catch (error) {
      if (isRefusal(error)) await limiter.recordFailure(address, deps.now());
      throw error;
    }
  };

  const limit = declaredBodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: () => {
      // The unread rest of the body is left on the socket: close it rather than let it be reused.
      throw new OAuthError('invalid_request', `The request body is larger than ${MAX_FORM_BYTES} bytes.`, { status: 413, headers: { Connection: 'close' } });
    },
  });

  const app = new Hono<GatehouseEnv>();
  for (const path of [TOKEN_PATH, REVOCATION_PATH]) app.use(path, BROWSER_CLIENTS);
  app.post(TOKEN_PATH, limit, (c) =>
    limited(c, limiters.token, async () => {
      const form = await readForm(c.req.raw);
      const caller = await authenticateClient(c.req.raw, form, authDeps.token);
      return tokenEndpoint(service.ctx, form, caller);
    }),
  );
  app.post(REVOCATION_PATH, limit, (c) =>
    limited(c, limiters.revoke, async () => {
      const form = await readForm(c.req.raw);
      const caller = await authenticateClient(c.req.raw, form, authDeps.revocation);
      return revocationEndpoint(service, form, caller);
    }),
  );
  app.post(INTROSPECTION_PATH, limit, async (c) => {
    const form = await readForm(c.req.raw);
    const caller = await authenticateIntrospectionCaller(c.req.raw, form, tokens.introspectionCredentials, authDeps.introspection);
    return introspectionEndpoint(service, form, caller);
  });
  for (const path of [TOKEN_PATH, REVOCATION_PATH, INTROSPECTION_PATH]) {
    app.all(path, () => {
      throw new OAuthError('method_not_allowed', 'Use POST.', { headers: { Allow: 'POST' } });
    });
  }
  for (const path of [JWKS_PATH, JWKS_WELL_KNOWN_PATH]) {
    app.get(path, async () =>
      jsonResponse(await service.keys.publicJwks(), {
        headers: { 'Cache-Control': JWKS_CACHE, 'Access-Control-Allow-Origin': '*' },
      }),
    );
  }
  return app;
}
