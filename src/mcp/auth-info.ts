import type { AuthInfo } from '@modelcontextprotocol/server';
import type { Authenticated } from '../resource/guard.js';

/**
 * What tool handlers see (`ctx.http.authInfo` / `extra.authInfo`), in the SDK's own shape.
 * `resourceMetadataUrl` makes the SDK's per-tool scope challenges advertise our metadata.
 */
export function toAuthInfo({ principal, token }: Authenticated, resource: string, resourceMetadataUrl: string): AuthInfo {
  return {
    token,
    clientId: principal.clientId,
    scopes: [...principal.scopes],
    ...(principal.expiresAt !== undefined && { expiresAt: Math.floor(principal.expiresAt / 1000) }),
    resource: new URL(resource),
    resourceMetadataUrl,
    extra: { subject: principal.subject, kind: principal.kind, ...(principal.label && { label: principal.label }) },
  };
}
