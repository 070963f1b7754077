import { constantTimeEqual, hashSecret } from '../../crypto/hash.js';
import type { ClientRecord } from '../../store/contract.js';

/**
 * Compares digests in constant time: the store holds only `hashSecret(secret)`, and timing must
 * not tell an attacker how much of a guess was right.
 */
export function clientSecretMatches(client: ClientRecord, secret: string): boolean {
  if (client.secretHash === undefined) return false;
  return constantTimeEqual(hashSecret(secret), client.secretHash);
}
