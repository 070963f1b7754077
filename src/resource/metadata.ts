import { jsonResponse } from '../http/respond.js';

export interface ProtectedResourceMetadataInput {
  resource: string;
  authorizationServers: readonly string[];
  scopesSupported: readonly string[];
  resourceName?: string;
}

/** RFC 9728 §2: the document, with empty fields left out rather than sent empty. */
export function protectedResourceMetadata(input: ProtectedResourceMetadataInput): Record<string, unknown> {
  return {
    resource: input.resource,
    ...(input.authorizationServers.length > 0 && { authorization_servers: [...input.authorizationServers] }),
    ...(input.scopesSupported.length > 0 && { scopes_supported: [...input.scopesSupported] }),
    bearer_methods_supported: ['header'],
    ...(input.resourceName && { resource_name: input.resourceName }),
  };
}

/** Public metadata, readable by browser-based clients from any origin (it holds no secret). */
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Headers': 'MCP-Protocol-Version, Content-Type',
  'Access-Control-Max-Age': '86400',
};

export function metadataResponse(document: Record<string, unknown>, method: string): Response {
  if (method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  return jsonResponse(document, { headers: { ...CORS, 'Cache-Control': 'public, max-age=300' } });
}
