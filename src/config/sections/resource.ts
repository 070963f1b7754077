import { z } from 'zod';

/**
 * The resource-server guard in front of `/mcp` (owner: src/resource/).
 * Placeholder: the guard work extends this section.
 */
export const resourceSection = z
  .object({
    /** Scopes advertised in the protected resource metadata and asked for in challenges. */
    scopesSupported: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/)).default([]),
  })
  .strict()
  .prefault({});

export type ResourceConfig = z.infer<typeof resourceSection>;
