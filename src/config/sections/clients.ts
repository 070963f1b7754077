import { z } from 'zod';
import { redirectUriProblem } from '../../clients/redirect-uri-rules.js';

/**
 * Who may be a client of the co-hosted authorization server (owner: src/clients/; see
 * docs/clients.md): pre-registered clients, Client ID Metadata Documents, Dynamic Client
 * Registration. Resolution tries them in that order.
 */

/** Client ids are opaque strings; an `http(s)://` id would be mistaken for a metadata document URL. */
const clientId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7E]+$/, 'must be visible ASCII without spaces')
  .refine((id) => !/^https?:\/\//i.test(id), 'must not start with https:// or http:// (those ids are metadata document URLs)');

const redirectUri = z.string().superRefine((uri, ctx) => {
  // Pre-registered clients are the operator's own decision, so the widest (native) policy applies
  // here; `applicationType: 'web'` narrows it in the client check below.
  const problem = redirectUriProblem(uri, 'native');
  if (problem) ctx.addIssue({ code: 'custom', message: `redirect URI ${uri} ${problem}` });
});

const publicJwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).strict();

const preregisteredClient = z
  .object({
    clientId,
    clientName: z.string().min(1).max(200).optional(),
    redirectUris: z.array(redirectUri).min(1).max(50),
    grantTypes: z.array(z.enum(['authorization_code', 'refresh_token'])).min(1).default(['authorization_code', 'refresh_token']),
    tokenEndpointAuthMethod: z.enum(['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt']).default('none'),
    /** `hashSecret(secret)`: the base64url SHA-256 of the client secret. */
    secretHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be hashSecret(secret): 43 base64url characters').optional(),
    /** Name of an environment variable holding the client secret; hashed when the server starts. */
    secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name').optional(),
    jwks: publicJwks.optional(),
    jwksUri: z.url({ protocol: /^https$/ }).optional(),
    scope: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'must be space-separated scope tokens').optional(),
    applicationType: z.enum(['web', 'native']).optional(),
  })
  .strict()
  .superRefine((client, ctx) => {
    const secretMethod = client.tokenEndpointAuthMethod.startsWith('client_secret_');
    const secretSources = Number(client.secretHash !== undefined) + Number(client.secretEnv !== undefined);
    if (secretMethod && secretSources !== 1) {
      ctx.addIssue({ code: 'custom', path: ['secretHash'], message: `${client.tokenEndpointAuthMethod} needs exactly one of secretHash or secretEnv` });
    }
    if (!secretMethod && secretSources > 0) {
      ctx.addIssue({ code: 'custom', path: ['secretHash'], message: `a secret is only for client_secret_basic or client_secret_post, not ${client.tokenEndpointAuthMethod}` });
    }
    const keySources = Number(client.jwks !== undefined) + Number(client.jwksUri !== undefined);
    if (client.tokenEndpointAuthMethod === 'private_key_jwt' ? keySources !== 1 : keySources > 0) {
      ctx.addIssue({ code: 'custom', path: ['jwks'], message: 'private_key_jwt needs exactly one of jwks or jwksUri, and other methods neither' });
    }
    if (client.applicationType === 'web') {
      client.redirectUris.forEach((uri, index) => {
        const problem = redirectUriProblem(uri, 'web');
        if (problem) ctx.addIssue({ code: 'custom', path: ['redirectUris', index], message: `redirect URI ${uri} ${problem}` });
      });
    }
  });

const cimdOptions = z
  .object({
    /** Accept `https://` client ids as Client ID Metadata Document URLs. */
    enabled: z.boolean().default(true),
    /** Whole fetch budget (DNS, connect, TLS, headers, body), milliseconds. */
    fetchTimeoutMs: z.number().int().min(100).max(30_000).default(5000),
    /** Largest document accepted; counted while streaming. */
    maxBytes: z.number().int().min(512).max(65_536).default(5120),
    /** Lower bound of the cache lifetime (also used when the response gives no lifetime or says no-store). */
    cacheMinTtlSeconds: z.number().int().min(0).max(86_400).default(60),
    /** Upper bound of the cache lifetime, whatever the response's cache headers say. */
    cacheMaxTtlSeconds: z.number().int().min(1).max(7 * 86_400).default(86_400),
    /**
     * Development only: also accept `http://localhost`, `http://127.0.0.1` and `http://[::1]` client
     * ids. The consent page marks such clients as development clients.
     */
    allowHttpLocalhost: z.boolean().default(false),
    /**
     * A PEM file of extra CA certificates trusted (besides Node's bundled roots) when fetching
     * metadata documents and `private_key_jwt` key sets: clients served under a private CA.
     */
    extraCaFile: z.string().min(1).optional(),
  })
  .strict()
  .prefault({})
  .refine((o) => o.cacheMinTtlSeconds <= o.cacheMaxTtlSeconds, {
    path: ['cacheMinTtlSeconds'],
    message: 'must not exceed cacheMaxTtlSeconds',
  });

const dcrOptions = z
  .object({
    /** Serve `POST /register` (RFC 7591). Deprecated by MCP 2026-07-28, still used by many hosts. */
    enabled: z.boolean().default(true),
    /** Registrations allowed per client IP per window, counted in the store (holds across instances). */
    rateLimit: z
      .object({
        max: z.number().int().min(1).max(100_000).default(30),
        windowSeconds: z.number().int().min(1).max(86_400).default(600),
      })
      .strict()
      .prefault({}),
    /** A registration not used for this long is forgotten (each use pushes it back). */
    unusedExpirySeconds: z.number().int().min(60).max(365 * 86_400).default(14 * 86_400),
  })
  .strict()
  .prefault({});

export const clientsSection = z
  .object({
    preregistered: z
      .array(preregisteredClient)
      .default([])
      .superRefine((clients, ctx) => {
        const seen = new Set<string>();
        clients.forEach((client, index) => {
          if (seen.has(client.clientId)) ctx.addIssue({ code: 'custom', path: [index, 'clientId'], message: `duplicate client id ${client.clientId}` });
          seen.add(client.clientId);
        });
      }),
    cimd: cimdOptions,
    dcr: dcrOptions,
  })
  .strict()
  .prefault({});

export type ClientsConfig = z.infer<typeof clientsSection>;
export type PreregisteredClientConfig = z.infer<typeof preregisteredClient>;
