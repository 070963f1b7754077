import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../app/deps.js';
import { OAuthError } from '../../errors/oauth-error.js';
import { anyOriginCors } from '../../http/cors.js';
import { enforceRateLimit, requestAddress } from '../../http/rate-limit.js';
import type { GatehouseEnv } from '../../http/env.js';
import { jsonResponse } from '../../http/respond.js';
import { REGISTRATION_PATH } from '../../metadata/authorization-server-metadata.js';
import { MAX_BODY_BYTES, readRegistrationBody, registrationTooLarge } from './read-registration-body.js';
import { registerClient } from './register-client.js';
import { validateRegistration } from './validate-registration.js';

/**
 * `POST /register`: RFC 7591 Dynamic Client Registration, kept for hosts that predate Client ID
 * Metadata Documents. Mount only when `authorizationServer.clients.dcr.enabled`.
 */
export function registrationRoutes(deps: AppDeps): Hono<GatehouseEnv> {
  const settings = deps.config.authorizationServer.clients.dcr;
  const app = new Hono<GatehouseEnv>();
  // Browser-based MCP clients register from their own page; no cookie is involved, so any origin may.
  app.use(REGISTRATION_PATH, anyOriginCors({ methods: ['POST'], allowHeaders: ['Content-Type'], exposeHeaders: ['Retry-After'] }));
  // Counted while the body streams in: readRegistrationBody's own check comes after buffering.
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw registrationTooLarge();
    },
  });
  app.post(REGISTRATION_PATH, limit, async (c) => {
    const now = deps.now();
    // Some hosts register on every fresh connection: the limit is per window, not in total.
    const address = requestAddress(c, deps.config.server.trustProxy);
    const limit = { max: settings.rateLimit.max, windowMs: settings.rateLimit.windowSeconds * 1000 };
    await enforceRateLimit(deps.store, `dcr-register:${address}`, limit, now, 'Too many client registrations from this address; try again later.');
    const meta = validateRegistration(await readRegistrationBody(c.req.raw));
    const body = await registerClient(deps.store, meta, now, settings.unusedExpirySeconds);
    deps.logger.info('client_registered', {
      clientId: body.client_id,
      authMethod: meta.token_endpoint_auth_method,
      applicationType: meta.application_type,
    });
    return jsonResponse(body, { status: 201, noStore: true });
  });
  app.all(REGISTRATION_PATH, () => {
    throw new OAuthError('method_not_allowed', 'Use POST to register a client.', { headers: { Allow: 'POST' } });
  });
  return app;
}
