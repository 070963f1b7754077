import { createHash } from 'node:crypto';
import type { ResolvedClient } from '../clients/contract.js';
import type { ClientRecord } from '../store/contract.js';
import { isLoopbackRedirect } from './loopback-redirect.js';
import type { ClientSummary } from './request.js';

/**
 * A digest of what the user approved a client on: its name, where it may send codes, how it
 * authenticates and with which keys. Remembered consent holds only while this is unchanged, so
 * a CIMD document that starts pointing somewhere else asks the user again.
 */
export function clientFingerprint(record: ClientRecord): string {
  const seen = {
    name: record.clientName ?? null,
    redirectUris: [...record.redirectUris].sort(),
    auth: record.tokenEndpointAuthMethod,
    jwks: record.jwks ?? null,
    jwksUri: record.jwksUri ?? null,
  };
  return createHash('sha256').update(JSON.stringify(seen)).digest('base64url');
}

export function summariseClient({ record, development }: ResolvedClient, redirectUri: string): ClientSummary {
  return {
    name: record.clientName ?? record.clientId,
    ...(record.clientId.startsWith('https://') || record.clientId.startsWith('http://')
      ? { clientIdHost: hostOf(record.clientId) }
      : {}),
    redirectHost: hostOf(redirectUri),
    localhostOnly: record.redirectUris.length > 0 && record.redirectUris.every(isLoopbackRedirect),
    development,
    fingerprint: clientFingerprint(record),
  };
}

/** The host a person should recognise; for a private-use scheme (`com.example.app:/cb`), the scheme. */
function hostOf(uri: string): string {
  try {
    const url = new URL(uri);
    return url.host || url.protocol.replace(/:$/, '');
  } catch {
    return uri;
  }
}
