import type { ClientRecord } from '../store/contract.js';

/**
 * Who is this client? The one question `/authorize`, `/token`, revocation and introspection ask.
 * Resolution order: pre-registered (configuration) → CIMD (an `https://` client_id is a metadata
 * document URL) → DCR (registered through `/register`, kept in the store).
 * The implementation is `createClientResolver` in `./resolver.ts` (see docs/clients.md).
 */
export interface ResolvedClient {
  record: ClientRecord;
  /**
   * True when the client was admitted only because a development option allowed it (an
   * `http://localhost` CIMD client_id): the consent page must say so.
   */
  development: boolean;
}

export interface ClientResolver {
  /**
   * Resolves and validates the client; throws `OAuthError('invalid_client' | 'invalid_request')`
   * when it cannot be verified (unknown id, failed or invalid CIMD document, expired DCR record).
   */
  resolve(clientId: string): Promise<ResolvedClient>;
}
