import { errors, jwtVerify } from 'jose';
import { hashSecret } from '../crypto/hash.js';
import type { AccessTokenRecord } from '../store/contract.js';
import type { TokenContext } from './context.js';

/** What revocation and introspection need to know about a token this AS issued. */
export interface TokenView extends AccessTokenRecord {
  kind: 'access_token' | 'refresh_token';
  format: 'jwt' | 'opaque';
  /** The digest the store knows it by (opaque tokens and refresh tokens). */
  hash: string;
}

type Kind = TokenView['kind'];

/**
 * Finds a live token of ours, trying the hinted kind first (RFC 7009 §2.1, RFC 7662 §2.1: a
 * wrong hint only costs a lookup). Unknown, expired and revoked tokens all come back undefined.
 */
export async function findToken(ctx: TokenContext, token: string, hint?: string): Promise<TokenView | undefined> {
  const order: Kind[] = hint === 'refresh_token' ? ['refresh_token', 'access_token'] : ['access_token', 'refresh_token'];
  for (const kind of order) {
    const found = kind === 'access_token' ? await findAccessToken(ctx, token) : await findRefreshToken(ctx, token);
    if (found) return found;
  }
  return undefined;
}

const looksLikeJwt = (token: string) => token.split('.').length === 3;

async function findAccessToken(ctx: TokenContext, token: string): Promise<TokenView | undefined> {
  const hash = hashSecret(token);
  if (looksLikeJwt(token)) return verifyOwnJwt(ctx, token, hash);
  const record = await ctx.deps.store.findAccessToken(hash, ctx.deps.now());
  if (!record) return undefined;
  return { kind: 'access_token', format: 'opaque', hash, ...record };
}

async function findRefreshToken(ctx: TokenContext, token: string): Promise<TokenView | undefined> {
  const { store, now } = ctx.deps;
  const hash = hashSecret(token);
  const record = await store.getRefreshToken(hash, now());
  if (!record) return undefined;
  const grant = await store.getGrant(record.grantId);
  if (!grant) return undefined;
  return {
    kind: 'refresh_token',
    format: 'opaque',
    hash,
    grantId: record.grantId,
    clientId: record.clientId,
    userId: grant.userId,
    scopes: record.scopes,
    resource: record.resource,
    issuedAt: record.createdAt,
    expiresAt: record.expiresAt,
  };
}

/** A JWT counts only if we signed it, it is an access token (`at+jwt`), unexpired, and its grant lives. */
async function verifyOwnJwt(ctx: TokenContext, token: string, hash: string): Promise<TokenView | undefined> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, ctx.keys.getKey, {
      issuer: ctx.deps.urls.issuer,
      typ: 'at+jwt',
      algorithms: ['ES256', 'RS256', 'EdDSA'],
      currentDate: new Date(ctx.deps.now()),
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
  const { gid, client_id: clientId, scope, sub, aud, iat, exp } = payload;
  if (typeof gid !== 'string' || typeof clientId !== 'string' || typeof sub !== 'string' || typeof aud !== 'string') return undefined;
  if (!(await ctx.grants.isGrantActive(gid))) return undefined;
  return {
    kind: 'access_token',
    format: 'jwt',
    hash,
    grantId: gid,
    clientId,
    userId: sub,
    scopes: typeof scope === 'string' && scope !== '' ? scope.split(' ') : [],
    resource: aud,
    issuedAt: (iat ?? 0) * 1000,
    expiresAt: (exp ?? 0) * 1000,
  };
}
