import { z } from 'zod';
import { authorizationServerSection } from './sections/authorization-server.js';
import { resourceSection } from './sections/resource.js';
import { serverSection } from './sections/server.js';
import { storeSection } from './sections/store.js';

/**
 * The whole configuration: one schema, one section per room. Unknown keys are refused so a typo
 * is an error at start-up, not a silently ignored setting.
 */
export const configSchema = z
  .object({
    /**
     * `oauth` (tokens from an authorization server, and API keys if configured), `api-key`
     * (Tier 1 only) or `off` (no auth: loopback only, for the conformance suite).
     */
    authMode: z.enum(['oauth', 'api-key', 'off']).default('oauth'),
    server: serverSection,
    store: storeSection,
    resource: resourceSection,
    authorizationServer: authorizationServerSection,
    logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /**
     * Environment variables the guarded MCP server cannot work without (its upstream API keys):
     * start-up stops, naming the first one missing.
     */
    requiredEnv: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), purpose: z.string().min(1) }).strict())
      .default([]),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.infer<typeof configSchema>;
