import { z } from 'zod';
import { scopeToken } from './resource.js';

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The `/authorize` endpoint, login and consent (owner: src/authorize/, src/users/, src/ui/).
 * Every duration is in seconds; see docs/consent.md for why each default is what it is.
 */
export const authorizeSection = z
  .object({
    /** Authorization-code lifetime. The code travels through the browser: keep it short. */
    codeTtl: seconds(5, 60).default(60),
    /** The sign-in session cookie's lifetime: a login is reused for this long, then asked again. */
    sessionTtl: seconds(60, 86_400).default(900),
    /** How long a request may wait on the login and consent pages before it must start over. */
    pendingTtl: seconds(60, 3_600).default(600),
    /**
     * Scopes granted when a request carries no `scope`. Absent: every scope in
     * `resource.scopesSupported` (the consent page still lists each one).
     */
    defaultScopes: z.array(scopeToken).optional(),
    /** What each scope means, shown on the consent page (`{"notes:read": "Read your notes"}`). */
    scopeDescriptions: z.record(scopeToken, z.string().min(1).max(200)).default({}),
    /** Sign-in attempts allowed per username and client address within `windowSeconds`. */
    loginThrottle: z
      .object({
        maxAttempts: z.number().int().min(1).max(1000).default(10),
        windowSeconds: seconds(10, 86_400).default(900),
      })
      .strict()
      .prefault({}),
    /**
     * `/authorize` requests allowed per client address within `windowSeconds`, counted in the
     * store across instances: each request may fetch a client metadata document, so this also
     * bounds the outgoing fetches one address can cause.
     */
    rateLimit: z
      .object({
        max: z.number().int().min(1).max(100_000).default(60),
        windowSeconds: seconds(1, 86_400).default(60),
      })
      .strict()
      .prefault({}),
    /**
     * Environment variable holding the secret that signs session cookies and CSRF tokens (at
     * least 32 characters). Unset: a random secret per process (sessions end at restart, and
     * several instances behind one issuer must share the variable).
     */
    cookieSecretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name (A-Z, 0-9, _)').default('GATEHOUSE_COOKIE_SECRET'),
  })
  .strict()
  .prefault({});

export type AuthorizeConfig = z.infer<typeof authorizeSection>;
