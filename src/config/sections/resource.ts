import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { z } from 'zod';
import { isLoopbackHost } from '../../app/loopback.js';

/** RFC 6749 §3.3 `scope-token`: printable ASCII without space, `"` and `\`. */
export const scopeToken = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be an OAuth scope token (no spaces, quotes or backslashes)');

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name (A-Z, 0-9, _)');

/**
 * Asymmetric JWS algorithms only: `none` and the HMAC family are refused outright, so a token
 * "signed" with a public key used as an HMAC secret can never verify.
 */
export const jwtAlgorithm = z.enum(['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'Ed25519'], {
  error: 'must be an asymmetric JWS algorithm (ES*, RS*, PS*, EdDSA); none and HS* are refused',
});

/** One Tier 1 static API key: only its digest is configured, never the key. */
export const apiKeyEntry = z
  .object({
    /** Who the key is for; shown to tools as the principal's label, and in logs. */
    label: z.string().regex(/^[A-Za-z0-9._:@-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ : @ -'),
    /** `hashSecret(key)`: SHA-256, base64url (43 characters). */
    hash: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the base64url SHA-256 digest printed by `gatehouse keys generate`'),
    scopes: z.array(scopeToken).default([]),
    /** A revoked key is refused like an unknown one; keeping the entry documents the revocation. */
    revoked: z.boolean().default(false),
  })
  .strict();

const url = z.url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

/** Where keys or token verdicts come from: plain http there would let anyone on the path forge them. */
const trustedEndpoint = z.url().refine((raw) => {
  const u = new URL(raw);
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
}, 'must be an https URL (http is allowed only for localhost / 127.0.0.1 / ::1)');

/** An inline verification key: a public asymmetric JWK. A private or symmetric key here is a leaked secret or an HS* door. */
const publicJwk = z
  .record(z.string(), z.unknown())
  .refine((jwk) => !('d' in jwk) && !('k' in jwk) && !('p' in jwk), 'must be a public key (no "d", "p" or "k" member): never put a private or symmetric key here')
  .refine((jwk) => {
    try {
      return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).asymmetricKeyType !== undefined;
    } catch {
      return false;
    }
  }, 'must be a valid EC, RSA or OKP public JWK');

/** The resource-server guard in front of `/mcp` (owner: src/resource/, src/mcp/). See docs/guard.md. */
export const resourceSection = z
  .object({
    /** Scopes advertised in the protected resource metadata and asked for in 401 challenges. */
    scopesSupported: z.array(scopeToken).default([]),
    /**
     * Issuers of external authorization servers whose tokens this resource accepts, published in
     * the metadata. The co-hosted issuer is added when `authorizationServer.enabled`.
     */
    authorizationServers: z.array(url).default([]),
    /** Human-readable `resource_name` in the metadata. */
    resourceName: z.string().min(1).max(200).optional(),
    /** JWT access tokens of an external authorization server (the co-hosted one needs nothing here). */
    jwt: z
      .object({
        /** Expected `iss`, byte for byte. */
        issuer: url,
        /** Where the issuer publishes its keys; fetched on demand and cached. */
        jwksUri: trustedEndpoint.optional(),
        /** Inline public keys instead of `jwksUri`. */
        jwks: z.object({ keys: z.array(publicJwk).min(1) }).optional(),
        algorithms: z.array(jwtAlgorithm).min(1).default(['ES256', 'RS256', 'PS256', 'EdDSA']),
        /** Refuse tokens whose `typ` header is not `at+jwt` (RFC 9068); off for issuers that send `JWT`. */
        requireAtJwtType: z.boolean().default(false),
      })
      .strict()
      .refine((j) => (j.jwksUri === undefined) !== (j.jwks === undefined), { message: 'set exactly one of jwksUri and jwks', path: ['jwksUri'] })
      .optional(),
    /** Opaque tokens of an external authorization server, checked by RFC 7662 introspection. */
    introspection: z
      .object({
        endpoint: trustedEndpoint,
        clientId: z.string().min(1),
        /** Environment variable holding the client secret (client_secret_basic). */
        clientSecretEnv: envName,
        /** Upper bound on how long an introspection answer is reused (never past the token's `exp`). */
        cacheSeconds: z.number().int().min(0).max(3600).default(60),
        timeoutMs: z.number().int().min(100).max(30_000).default(5000),
      })
      .strict()
      .optional(),
    /** Clock skew allowed on `exp`/`nbf`/`iat`, in seconds. */
    clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
    /** Tier 1 static API keys (`ghk_…`), as `{ label, hash, scopes }`. */
    apiKeys: z.array(apiKeyEntry).default([]),
    /** Environment variable with more API key entries, as a JSON array of the same shape. */
    apiKeysEnv: envName.default('GATEHOUSE_API_KEYS'),
    /** Entries in the verified-token cache (0 turns it off). */
    tokenCacheSize: z.number().int().min(0).max(1_000_000).default(10_000),
    /** MCP sessions whose principal binding is remembered (the oldest idle one is forgotten first). */
    maxSessions: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .strict()
  .prefault({});

export type ResourceConfig = z.infer<typeof resourceSection>;
export type ApiKeyEntry = z.infer<typeof apiKeyEntry>;
