import { Hono } from 'hono';
import { registrationRoutes } from '../clients/dcr/routes.js';
import { createClientResolver } from '../clients/resolver.js';
import { authorizeRoutes } from '../authorize/routes.js';
import type { GatehouseEnv } from '../http/env.js';
import { metadataRoutes } from '../metadata/routes.js';
import type { CoHostedIssuer } from '../resource/verifier-from-config.js';
import { loadSealer } from '../store/sealing-keys.js';
import { createTokenService, tokenRoutes } from '../token/index.js';
import { createUpstream, type Upstream } from '../upstream/index.js';
import type { AppDeps } from './deps.js';
import { readTrustedCaFile } from './trusted-ca-file.js';

export interface AuthorizationServer {
  /** Metadata, `/register` (when DCR is on), `/authorize` + login/consent/account, `/token` & co. */
  routes: Hono<GatehouseEnv>;
  /** What the guard on `/mcp` needs to accept this server's tokens without an HTTP round trip. */
  issuer: CoHostedIssuer;
  /** Upstream sign-in and its token vault, when providers are configured. */
  upstream?: Upstream;
}

/** The co-hosted authorization server: each room's routes over one client resolver and one token service. */
export function createAuthorizationServer(deps: AppDeps): AuthorizationServer {
  const settings = deps.config.authorizationServer.clients;
  const ca = settings.cimd.extraCaFile ? readTrustedCaFile(settings.cimd.extraCaFile, 'authorizationServer.clients.cimd.extraCaFile') : undefined;
  const clients = createClientResolver(deps, { ...(ca && { ca }) });
  const sealer = loadSealer(deps.config.store);
  const tokens = createTokenService(deps, { sealer });
  const upstream = createUpstream(deps, { sealer });

  const routes = new Hono<GatehouseEnv>();
  routes.route('/', metadataRoutes(deps));
  if (settings.dcr.enabled) routes.route('/', registrationRoutes(deps));
  routes.route('/', authorizeRoutes(deps, { clients, ...upstream?.signIn }));
  routes.route('/', tokenRoutes(deps, { clients, service: tokens, ...(ca && { ca }) }));
  return { routes, issuer: { keys: tokens.keys.getKey, isGrantActive: tokens.isGrantActive }, ...(upstream && { upstream }) };
}
