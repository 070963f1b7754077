import type { ConsentPageOptions } from '../ui/consent-page.js';
import { describeScope } from '../ui/scope-descriptions.js';
import type { AuthorizationRequest } from './request.js';
import type { AuthorizeRuntime } from './runtime.js';

/**
 * What the consent page shows about a pending request, whichever step asks (ours, or the one
 * before an upstream sign-in): who the client is, where the code will go, the scopes.
 */
export function consentView(rt: AuthorizeRuntime, request: AuthorizationRequest): Omit<ConsentPageOptions, 'requestId' | 'csrf'> {
  const descriptions = rt.deps.config.authorizationServer.authorize.scopeDescriptions;
  return {
    issuerHost: rt.issuerHost,
    clientName: request.client.name,
    ...(request.client.clientIdHost ? { clientIdHost: request.client.clientIdHost } : {}),
    redirectHost: request.client.redirectHost,
    localhostOnly: request.client.localhostOnly,
    development: request.client.development,
    scopes: request.scopes.map((scope) => ({ scope, description: describeScope(scope, descriptions) })),
    resource: request.resource,
  };
}
