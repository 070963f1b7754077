import { decodeJwt, errors, jwtVerify } from 'jose';
import { OAuthError } from '../../errors/oauth-error.js';
import type { ClientRecord, Store } from '../../store/contract.js';
import type { ClientKeyResolver } from './client-keys.js';

/** Asymmetric algorithms only: `private_key_jwt` means the AS holds no shared secret. */
const ASSERTION_ALGS = ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512', 'EdDSA', 'Ed25519'];
const CLOCK_TOLERANCE_S = 30;

export interface AssertionCheck {
  store: Store;
  now: () => number;
  keys: ClientKeyResolver;
  /** The AS's identities the `aud` may name: issuer, token endpoint, the endpoint called. */
  audiences: string[];
  /** Longest accepted distance from now to `exp`, in seconds. */
  maxAge: number;
}

/** The client id an assertion claims (its `sub`, which RFC 7523 §3 says equals `iss`), unverified. */
export function assertionClientId(assertion: string): string {
  let claims;
  try {
    claims = decodeJwt(assertion);
  } catch {
    throw new OAuthError('invalid_client', 'The client assertion is not a JWT.');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '' || claims.iss !== claims.sub) {
    throw new OAuthError('invalid_client', 'The client assertion must have iss and sub equal to the client_id.');
  }
  return claims.sub;
}

/**
 * RFC 7523 §3 + OAuth 2.1: signature by one of the client's keys, iss = sub = client_id, aud
 * names this AS, `exp` present and near, `jti` present and never seen before (replay).
 */
export async function verifyPrivateKeyJwt(assertion: string, client: ClientRecord, check: AssertionCheck): Promise<void> {
  const getKey = await check.keys(client);
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, getKey, {
      issuer: client.clientId,
      subject: client.clientId,
      audience: check.audiences,
      algorithms: ASSERTION_ALGS,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(check.now()),
    }));
  } catch (cause) {
    const why = cause instanceof errors.JOSEError ? cause.code : 'invalid';
    throw new OAuthError('invalid_client', `The client assertion was refused (${why}).`, { cause });
  }
  const nowS = Math.floor(check.now() / 1000);
  if (payload.exp! - nowS > check.maxAge) {
    throw new OAuthError('invalid_client', `The client assertion must expire within ${check.maxAge} seconds.`);
  }
  const fresh = await check.store.rememberOnce(
    'client-assertion-jti',
    `${client.clientId} ${payload.jti!}`,
    (payload.exp! + CLOCK_TOLERANCE_S) * 1000,
  );
  if (!fresh) throw new OAuthError('invalid_client', 'The client assertion was already used (jti replay).');
}
