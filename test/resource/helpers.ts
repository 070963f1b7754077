import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { startTestGatehouse } from '../helpers/gatehouse.js';
import type { RunningGatehouse } from '../../src/app/start.js';

export const ISSUER = 'https://issuer.test';
export const SCOPES = ['notes:read', 'notes:write'];

export interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function signingKey(alg = 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: `k-${Math.random().toString(36).slice(2)}`, alg } };
}

/** An access token as an RFC 9068 issuer would mint it; `claims` override the defaults. */
export async function mintJwt(key: SigningKey, audience: string, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'notes:read', client_id: 'client-a', ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.publicJwk.kid!, ...header })
    .setIssuer((claims.iss as string) ?? ISSUER)
    .setSubject((claims.sub as string) ?? 'alice')
    .setAudience((claims.aud as string | string[]) ?? audience)
    .setIssuedAt(now)
    .setExpirationTime((claims.exp as number) ?? now + 300)
    .sign(key.privateKey);
}

/** The demo MCP server behind the real Gatehouse, accepting JWTs of `ISSUER` signed by `key`. */
export async function startGuarded(key: SigningKey, resource: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<RunningGatehouse> {
  return startTestGatehouse({
    ...extra,
    resource: { scopesSupported: SCOPES, jwt: { issuer: ISSUER, jwks: { keys: [key.publicJwk] } }, ...resource },
  });
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'guard-test', version: '1.0.0' } },
};

/** A raw 2025-11-25 `initialize` POST, for asserting exact statuses and headers. */
export function postInitialize(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(INITIALIZE),
  });
}

/** A raw 2025-11-25 request on an existing session. */
export function postOnSession(url: string, sessionId: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Session-Id': sessionId,
      'MCP-Protocol-Version': '2025-11-25',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

export interface Recorded {
  status: number;
  wwwAuthenticate: string | null;
  body: string;
}

/**
 * A real SDK v2 client with a Bearer token, speaking `era`; every HTTP answer it gets is recorded
 * so tests can assert the exact status and challenge behind a client-side error.
 */
export async function bearerClient(url: string, token: string, era: 'legacy' | 'modern'): Promise<{ client: Client; responses: Recorded[]; close(): Promise<void> }> {
  const responses: Recorded[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok) responses.push({ status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), body: await response.clone().text() });
    return response;
  };
  const client = new Client(
    { name: `guard-test-${era}`, version: '1.0.0' },
    { capabilities: {}, ...(era === 'modern' && { versionNegotiation: { mode: { pin: '2026-07-28' } } }) },
  );
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } }, fetch: recordingFetch });
  await client.connect(transport);
  return { client, responses, close: () => client.close() };
}

/** Parses `Bearer a="b", c="d"` into its attributes (values contain no quotes by construction). */
export function challengeAttributes(header: string | null): Record<string, string> {
  if (header === null) return {};
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Bearer\s+/, '').matchAll(/([a-z_]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/**
 * Builds (without listening) the app for `config`: start-up refusals surface here as the
 * `ConfigError` they are, with nothing left open.
 */
export async function buildApp(config: Record<string, unknown>): Promise<void> {
  const { parseConfig } = await import('../../src/config/load.js');
  const { createGatehouse } = await import('../../src/app/create-gatehouse.js');
  const { openStore } = await import('../../src/store/open-store.js');
  const { createLogger } = await import('../../src/log/logger.js');
  const store = await openStore('memory');
  try {
    const parsed = parseConfig({ logLevel: 'silent', ...config, store: { url: 'memory' } });
    createGatehouse({ config: parsed, baseUrl: 'http://127.0.0.1:1', store, mcp: { fetch: async () => new Response(null, { status: 500 }) }, logger: createLogger('silent') });
  } finally {
    await store.close();
  }
}
