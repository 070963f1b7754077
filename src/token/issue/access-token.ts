import { hashSecret, newId, newSecret } from '../../crypto/hash.js';
import type { AccessTokenRecord, HashedRecord } from '../../store/contract.js';
import type { TokenContext, TokenSubject } from '../context.js';
import { signCompactJws } from '../keys/compact-jws.js';

/** Prefix of opaque access tokens, so secret scanners and humans can tell what leaked. */
export const OPAQUE_ACCESS_PREFIX = 'gat_';

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
  /** For opaque tokens: what the issuing store operation saves (a JWT carries itself). */
  opaque?: HashedRecord<AccessTokenRecord>;
}

/**
 * An access token bound to exactly one resource (RFC 8707). JWT (RFC 9068): `typ: at+jwt`,
 * `aud` = the resource, and `gid` so a co-hosted verifier can tell a revoked grant from a live
 * one. Opaque: random, known to the store only by digest. It lives `accessTokenTtl`, and ends
 * by `notAfter` (epoch ms) when given.
 */
export async function issueAccessToken(ctx: TokenContext, subject: TokenSubject, notAfter = Infinity): Promise<IssuedAccessToken> {
  const now = ctx.deps.now();
  const expiresIn = Math.min(ctx.tokens.accessTokenTtl, Math.floor((notAfter - now) / 1000));
  if (ctx.tokens.accessTokenFormat === 'opaque') {
    const token = newSecret(OPAQUE_ACCESS_PREFIX);
    const record: AccessTokenRecord = {
      grantId: subject.grantId,
      clientId: subject.clientId,
      userId: subject.userId,
      scopes: subject.scopes,
      resource: subject.resource,
      issuedAt: now,
      expiresAt: now + expiresIn * 1000,
    };
    return { token, expiresIn, opaque: { hash: hashSecret(token), record } };
  }
  const signing = await ctx.keys.signingKey();
  const iat = Math.floor(now / 1000);
  const token = await signCompactJws(signing.alg, signing.key, { kid: signing.kid, typ: 'at+jwt' }, {
    iss: ctx.deps.urls.issuer,
    sub: subject.userId,
    aud: subject.resource,
    iat,
    exp: iat + expiresIn,
    jti: newId(),
    client_id: subject.clientId,
    scope: subject.scopes.join(' '),
    gid: subject.grantId,
  });
  return { token, expiresIn };
}
