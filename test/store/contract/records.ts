import type { CodeRecord, GrantRecord, RefreshTokenRecord, AccessTokenRecord, ClientRecord } from '../../../src/store/contract.js';
import { hashSecret, newId, newSecret } from '../../../src/crypto/hash.js';

/** Realistic records for the contract tests; every call makes new ids so tests never collide. */
export const HOUR = 3_600_000;

export function aClient(now: number, over: Partial<ClientRecord> = {}): ClientRecord {
  return {
    clientId: `https://client.example/${newId()}`,
    kind: 'cimd',
    clientName: 'Example',
    redirectUris: ['https://client.example/cb'],
    grantTypes: ['authorization_code', 'refresh_token'],
    responseTypes: ['code'],
    tokenEndpointAuthMethod: 'none',
    metadata: { client_name: 'Example', scope: [] },
    createdAt: now,
    ...over,
  };
}

export function aGrant(now: number, over: Partial<GrantRecord> = {}): GrantRecord {
  return {
    grantId: newId(),
    userId: newId(),
    clientId: 'client-' + newId(),
    scopes: ['notes:read'],
    resource: 'https://mcp.example/mcp',
    createdAt: now,
    expiresAt: now + 24 * HOUR,
    ...over,
  };
}

export function aCode(grant: GrantRecord, now: number, over: Partial<CodeRecord> = {}): CodeRecord {
  return {
    clientId: grant.clientId,
    userId: grant.userId,
    grantId: grant.grantId,
    redirectUri: 'https://client.example/cb',
    codeChallenge: newSecret(),
    codeChallengeMethod: 'S256',
    scopes: [],
    resource: grant.resource,
    authTime: now,
    expiresAt: now + 60_000,
    ...over,
  };
}

export function aRefresh(grant: GrantRecord, now: number, over: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord {
  return {
    grantId: grant.grantId,
    clientId: grant.clientId,
    scopes: grant.scopes,
    resource: grant.resource,
    createdAt: now,
    expiresAt: now + HOUR,
    ...over,
  };
}

export function anAccess(grant: GrantRecord, now: number, over: Partial<AccessTokenRecord> = {}): AccessTokenRecord {
  return {
    grantId: grant.grantId,
    clientId: grant.clientId,
    userId: grant.userId,
    scopes: grant.scopes,
    resource: grant.resource,
    issuedAt: now,
    expiresAt: now + 300_000,
    ...over,
  };
}

/** A fresh secret and its digest, as the callers of the store hold them. */
export function aSecret(): { value: string; hash: string } {
  const value = newSecret('gh_');
  return { value, hash: hashSecret(value) };
}

export function tally<T extends string>(statuses: T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}
