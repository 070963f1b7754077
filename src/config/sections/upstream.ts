import { z } from 'zod';
import { isLoopbackHost } from '../../app/loopback.js';

/**
 * Upstream identity (owner: src/upstream/; see docs/upstream.md): people sign in at GitHub,
 * Google, Microsoft Entra, Okta, any OpenID Connect issuer or a plain OAuth 2.0 provider, and
 * Gatehouse keeps their upstream tokens sealed for the MCP server's tools.
 *
 * Client credentials are never in the file: `clientIdEnv` / `clientSecretEnv` name environment
 * variables, read at start-up (a missing one stops it, naming the variable).
 */

/** https anywhere; http only to this machine (a development or test provider). */
const endpoint = z.url().refine((raw) => {
  const url = new URL(raw);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}, 'must be an https URL (http is allowed only for localhost / 127.0.0.1 / ::1)');

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
const providerName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be 1-32 of a-z, 0-9 and "-", starting with a letter');
const scope = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be a scope token');

/** What every provider entry has, whatever its type. */
const common = {
  /** Route and vault name: `/upstream/<name>/callback`. Defaults to the type (`github`, `google`...). */
  name: providerName.optional(),
  /** Button text on the sign-in page. Default: "Sign in with <Provider>". */
  label: z.string().min(1).max(80).optional(),
  clientIdEnv: envName,
  /** Absent: a public client (PKCE only, `token_endpoint_auth_method=none`). */
  clientSecretEnv: envName.optional(),
  tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post', 'none']).optional(),
  /** Scopes asked of the upstream. Each type has a sensible default. */
  scopes: z.array(scope).min(1).optional(),
  /** Extra authorization request parameters (e.g. `{"prompt": "select_account"}`). */
  authorizationParams: z.record(z.string().regex(/^[a-z_]+$/), z.string()).optional(),
};

const oidc = z.object({ type: z.literal('oidc'), issuer: endpoint, ...common }).strict();
const google = z.object({ type: z.literal('google'), /** Override for tests or a stand-in. */ issuer: endpoint.optional(), ...common }).strict();
const entra = z.object({ type: z.literal('entra'), /** The directory (tenant) id or domain. */ tenant: z.string().regex(/^[A-Za-z0-9.-]{1,100}$/), authority: endpoint.optional(), ...common }).strict();
const okta = z.object({ type: z.literal('okta'), /** `https://<org>.okta.com/oauth2/default` or another authorization server. */ issuer: endpoint, ...common }).strict();
const github = z
  .object({
    type: z.literal('github'),
    /** Where `/login/oauth/authorize` and `/login/oauth/access_token` live (GitHub Enterprise Server, stand-ins). */
    baseUrl: endpoint.optional(),
    /** Where `GET /user` lives (`https://api.github.com`, or `<ghes>/api/v3`). */
    apiUrl: endpoint.optional(),
    ...common,
  })
  .strict();
const oauth2 = z
  .object({
    type: z.literal('oauth2'),
    authorizationEndpoint: endpoint,
    tokenEndpoint: endpoint,
    userinfoEndpoint: endpoint,
    /** Which userinfo fields hold the stable subject and the display name (dotted paths allowed). */
    userinfo: z.object({ subject: z.string().min(1).default('sub'), name: z.string().min(1).default('name') }).strict().prefault({}),
    /** Send PKCE (S256). Only turn it off for a provider that rejects it. */
    pkce: z.boolean().default(true),
    ...common,
    /** Required here: there is no preset name to fall back on. */
    name: providerName,
  })
  .strict();

export const upstreamProviderSection = z.discriminatedUnion('type', [oidc, google, entra, okta, github, oauth2]);

export const upstreamSection = z
  .object({
    providers: z.array(upstreamProviderSection).max(20).default([]),
    /** Seconds an upstream sign-in may take between our consent and the upstream's callback. */
    stateTtl: z.number().int().min(60).max(1800).default(600),
    /** An upstream access token this close to expiry (seconds) is refreshed before use. */
    refreshSkew: z.number().int().min(0).max(600).default(60),
    /** How long one instance may hold the refresh lease for a user and provider (seconds). */
    refreshLease: z.number().int().min(2).max(120).default(15),
  })
  .strict()
  .prefault({})
  .superRefine((section, ctx) => {
    const seen = new Set<string>();
    section.providers.forEach((provider, index) => {
      const name = provider.name ?? provider.type;
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['providers', index, 'name'], message: `provider name "${name}" is used twice` });
      seen.add(name);
    });
  });

export type UpstreamConfig = z.infer<typeof upstreamSection>;
export type UpstreamProviderConfig = z.infer<typeof upstreamProviderSection>;
