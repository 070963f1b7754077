import { constantTimeEqual, hashSecret } from '../../crypto/hash.js';
import { OAuthError } from '../../errors/oauth-error.js';
import { authenticateClient, type ClientAuthDeps } from '../client-auth/authenticate-client.js';
import { basicError, presentedCredentials } from '../client-auth/presented-credentials.js';
import type { Form } from '../form.js';
import type { TokensConfig } from '../../config/sections/tokens.js';

/** A resource server sees every token; a client only its own (it learns nothing about others'). */
export type IntrospectionCaller = { kind: 'resource-server'; id: string } | { kind: 'client'; clientId: string };

/**
 * RFC 7662 §2.1: the endpoint MUST require authorization, or it becomes a token-scanning oracle.
 * A configured resource-server credential (HTTP Basic), or a confidential client; a public
 * client proves nothing and is refused.
 */
export async function authenticateIntrospectionCaller(
  request: Request,
  form: Form,
  credentials: TokensConfig['introspectionCredentials'],
  deps: ClientAuthDeps,
): Promise<IntrospectionCaller> {
  const presented = presentedCredentials(request, form);
  if (presented.method === 'client_secret_basic') {
    const configured = credentials.find((c) => c.id === presented.clientId);
    if (configured) {
      if (!constantTimeEqual(hashSecret(presented.secret), configured.secretHash)) throw basicError('Authentication failed.');
      return { kind: 'resource-server', id: configured.id };
    }
  }
  if (presented.method === 'none') {
    throw new OAuthError('invalid_client', 'Introspection requires client authentication; public clients cannot introspect.');
  }
  const { client } = await authenticateClient(request, form, deps);
  return { kind: 'client', clientId: client.clientId };
}
