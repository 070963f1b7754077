import { Hono } from 'hono';
import type { AppDeps } from '../app/deps.js';
import type { GatehouseEnv } from '../http/env.js';
import { jsonResponse } from '../http/respond.js';
import { authorizationServerMetadata } from './authorization-server-metadata.js';
import { metadataPaths } from './well-known-paths.js';

/**
 * Browser-based MCP clients read metadata cross-origin, so it is CORS-readable by anyone (it is
 * public). Cached briefly: long enough to spare repeated discovery, short enough that a config
 * change (DCR switched off) shows within minutes.
 */
const HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'public, max-age=300',
};
const PREFLIGHT = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Max-Age': '86400',
};

/** RFC 8414 metadata at every location clients probe for this issuer. */
export function metadataRoutes(deps: AppDeps): Hono<GatehouseEnv> {
  const app = new Hono<GatehouseEnv>();
  const body = authorizationServerMetadata(deps);
  for (const path of metadataPaths(deps.urls.issuer)) {
    app.get(path, () => jsonResponse(body, { headers: HEADERS }));
    app.options(path, () => new Response(null, { status: 204, headers: PREFLIGHT }));
  }
  return app;
}
