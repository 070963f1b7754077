import { z } from 'zod';
import { authorizeSection } from './authorize.js';
import { clientsSection } from './clients.js';
import { tokensSection } from './tokens.js';
import { upstreamSection } from './upstream.js';

/**
 * The co-hosted OAuth 2.1 authorization server (owner: src/authorize, src/token, src/clients).
 * Placeholder: the authorization-server work extends this section.
 */
export const authorizationServerSection = z
  .object({
    enabled: z.boolean().default(true),
    tokens: tokensSection,
    authorize: authorizeSection,
    clients: clientsSection,
    upstream: upstreamSection,
  })
  .strict()
  .prefault({});

export type AuthorizationServerConfig = z.infer<typeof authorizationServerSection>;
