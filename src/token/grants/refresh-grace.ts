import { sealerFromSecret, SealError } from '../../crypto/sealer.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { TokenResponseBody } from '../issue/token-response.js';

const PURPOSE = 'refresh-grace';

interface GraceAnswer {
  clientId: string;
  body: TokenResponseBody;
}

/**
 * Seals the response of a rotation under a key derived from the *old* refresh token. The store
 * keeps it for the grace window but cannot read it; only a request presenting that old token
 * again can open it. `oldHash` is the additional data, binding the answer to its slot.
 */
export function sealGraceAnswer(oldToken: string, oldHash: string, clientId: string, body: TokenResponseBody): string {
  const answer: GraceAnswer = { clientId, body };
  return sealerFromSecret(oldToken, PURPOSE).seal(JSON.stringify(answer), oldHash);
}

/** Opens the winner's answer for an exact duplicate; the same client must be asking. */
export function openGraceAnswer(oldToken: string, oldHash: string, sealed: string, clientId: string): TokenResponseBody {
  let answer: GraceAnswer;
  try {
    answer = JSON.parse(sealerFromSecret(oldToken, PURPOSE).open(sealed, oldHash)) as GraceAnswer;
  } catch (cause) {
    if (!(cause instanceof SealError)) throw cause;
    throw new OAuthError('invalid_grant', 'The refresh token is no longer valid.', { cause });
  }
  if (answer.clientId !== clientId) throw new OAuthError('invalid_grant', 'The refresh token was issued to another client.');
  return answer.body;
}
