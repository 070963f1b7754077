import { z } from 'zod';

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

/** A resource server allowed to call `/introspect` with HTTP Basic (its id and secret). */
const introspectionCredential = z
  .object({
    /** The Basic user name the resource server sends. */
    id: z.string().min(1).regex(/^[^:]+$/, 'must not contain ":"'),
    /**
     * `hashSecret(secret)`: base64url SHA-256 of the secret, so the config file holds nothing a
     * caller could present (see docs/tokens.md for a one-line way to compute it).
     */
    secretHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the base64url SHA-256 of the secret (43 characters)'),
  })
  .strict();

/**
 * Tokens issued by the co-hosted authorization server (owner: src/token/). Every duration is in
 * seconds; see docs/tokens.md for why each default is what it is.
 */
export const tokensSection = z
  .object({
    /** `jwt` (RFC 9068, verifiable offline against the JWKS) or `opaque` (random, introspectable). */
    accessTokenFormat: z.enum(['jwt', 'opaque']).default('jwt'),
    /** Access-token lifetime. Short, because a JWT cannot be recalled once issued. */
    accessTokenTtl: seconds(60, 86_400).default(900),
    /** Refresh-token lifetime; sliding: each rotation starts a new one, capped by `grantTtl`. */
    refreshTokenTtl: seconds(300, 31_536_000).default(2_592_000),
    /** Absolute lifetime of a grant (the token family): no refresh token outlives it. */
    grantTtl: seconds(300, 31_536_000).default(7_776_000),
    /**
     * How long after a rotation an exact duplicate of the refresh request (same old token) gets
     * the same refresh token instead of tripping reuse detection. 0 turns the window off. Shorter
     * than `accessTokenTtl`: a duplicate's access token ends when the winner's does.
     */
    refreshGraceWindow: seconds(0, 120).default(30),
    /** Signature algorithm of access tokens and of new signing keys. */
    signingAlg: z.enum(['ES256', 'RS256', 'EdDSA']).default('ES256'),
    /**
     * A signing key older than this is replaced by a new one at the next use; the old key stays
     * published until every token it signed has expired. 0: rotate only on demand.
     */
    keyRotationPeriod: seconds(0, 31_536_000).default(7_776_000),
    /** `private_key_jwt` assertions may live at most this long (`exp` − now). */
    clientAssertionMaxAge: seconds(10, 3_600).default(300),
    /**
     * `/token` and `/revoke` requests allowed per client address per minute: all of them in each
     * instance, the refused ones across instances (src/http/attempt-limit.ts). The ceiling is high
     * enough for one trusted address (a proxy without `trustProxy`, a load test) to use the
     * endpoint's full speed.
     */
    rateLimitPerMinute: z.number().int().min(1).max(10_000_000).default(120),
    /** Resource servers (besides confidential clients) that may call `/introspect`. */
    introspectionCredentials: z.array(introspectionCredential).default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.refreshTokenTtl > value.grantTtl) {
      ctx.addIssue({ code: 'custom', path: ['refreshTokenTtl'], message: 'must not exceed grantTtl' });
    }
    if (value.accessTokenTtl > value.refreshTokenTtl) {
      ctx.addIssue({ code: 'custom', path: ['accessTokenTtl'], message: 'must not exceed refreshTokenTtl' });
    }
    if (value.refreshGraceWindow >= value.accessTokenTtl) {
      ctx.addIssue({ code: 'custom', path: ['refreshGraceWindow'], message: 'must be shorter than accessTokenTtl' });
    }
  })
  .prefault({});

export type TokensConfig = z.infer<typeof tokensSection>;
