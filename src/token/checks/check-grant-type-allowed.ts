import { OAuthError } from '../../errors/oauth-error.js';
import type { ClientRecord } from '../../store/contract.js';

/** RFC 6749 §5.2 `unauthorized_client`: the client did not register for this grant type. */
export function checkGrantTypeAllowed(client: ClientRecord, grantType: string): void {
  if (!client.grantTypes.includes(grantType)) {
    throw new OAuthError('unauthorized_client', `This client may not use the ${grantType} grant.`);
  }
}
