import type { ClientResolver } from '../../clients/contract.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { ClientRecord, TokenEndpointAuthMethod } from '../../store/contract.js';
import type { Form } from '../form.js';
import { basicError, presentedCredentials, type PresentedCredentials } from './presented-credentials.js';
import { clientSecretMatches } from './verify-client-secret.js';
import { assertionClientId, verifyPrivateKeyJwt, type AssertionCheck } from './verify-private-key-jwt.js';

export interface AuthenticatedClient {
  client: ClientRecord;
  method: TokenEndpointAuthMethod;
}

export interface ClientAuthDeps extends AssertionCheck {
  clients: ClientResolver;
}

/**
 * Who is calling: exactly one authentication method, the one the client registered, and
 * credentials that check out. Every failure is `invalid_client` (401); a Basic attempt's failure
 * also carries a Basic challenge (RFC 6749 §5.2).
 */
export async function authenticateClient(request: Request, form: Form, deps: ClientAuthDeps): Promise<AuthenticatedClient> {
  const presented = presentedCredentials(request, form);
  const fail = (description: string) =>
    presented.method === 'client_secret_basic' ? basicError(description) : new OAuthError('invalid_client', description);

  const clientId = presented.method === 'private_key_jwt' ? assertionClientId(presented.assertion) : presented.clientId;
  if (presented.method === 'private_key_jwt' && presented.clientId !== undefined && presented.clientId !== clientId) {
    throw new OAuthError('invalid_client', 'client_id differs from the client assertion subject.');
  }
  const client = await resolveClient(deps.clients, clientId, fail);
  if (client.tokenEndpointAuthMethod !== presented.method) {
    throw fail(`This client is registered for ${client.tokenEndpointAuthMethod} authentication, not ${presented.method}.`);
  }
  await verifyCredentials(presented, client, deps, fail);
  return { client, method: presented.method };
}

async function resolveClient(clients: ClientResolver, clientId: string, fail: (d: string) => OAuthError): Promise<ClientRecord> {
  try {
    return (await clients.resolve(clientId)).record;
  } catch (error) {
    if (error instanceof OAuthError && error.code === 'invalid_client') throw fail(error.description);
    throw error;
  }
}

async function verifyCredentials(
  presented: PresentedCredentials,
  client: ClientRecord,
  deps: ClientAuthDeps,
  fail: (d: string) => OAuthError,
): Promise<void> {
  switch (presented.method) {
    case 'client_secret_basic':
    case 'client_secret_post':
      if (!clientSecretMatches(client, presented.secret)) throw fail('Client authentication failed.');
      return;
    case 'private_key_jwt':
      return verifyPrivateKeyJwt(presented.assertion, client, deps);
    case 'none':
      return;
  }
}
