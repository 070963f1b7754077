import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyObject, type CryptoKey } from 'jose';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Principal, TokenVerifier } from '../principal.js';

export interface JwtVerifierOptions {
  /** Expected `iss`, byte for byte. */
  issuer: string;
  /** This resource's canonical URL: `aud` must be it or an array containing it (RFC 8707). */
  audience: string;
  /** A public key, or a key resolver (`createRemoteJWKSet`, `createLocalJWKSet`). */
  keys: JWTVerifyGetKey | CryptoKey | KeyObject;
  /** Asymmetric algorithms only; `none` and HS* must never be listed (the config refuses them). */
  algorithms: string[];
  clockToleranceSeconds: number;
  /** Refuse a `typ` other than `at+jwt` (RFC 9068 §4). Otherwise `at+jwt`, `JWT` or none pass. */
  requireAtJwtType?: boolean;
  /**
   * Revocation hook: true when the token must no longer be honoured though its signature and
   * `exp` are fine (the co-hosted authorization server answers from the grant id `gid`). Asked
   * on every use, cached or not.
   */
  isRevoked?: (claims: { gid?: string; sub: string; client_id: string }) => Promise<boolean>;
  now?: () => number;
}

const ACCEPTED_TYP = new Set(['at+jwt', 'application/at+jwt', 'jwt']);

function scopesOf(payload: JWTPayload): string[] {
  const scope = payload.scope ?? payload.scp;
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  if (Array.isArray(scope)) return scope.filter((s): s is string => typeof s === 'string');
  return [];
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The access token's "${error.claim}" claim is not acceptable.`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The access token is signed with an algorithm this resource does not accept.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is invalid.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The access token was signed with an unknown key.';
  return 'The access token is not a valid JWT.';
}

/**
 * The issuer's keys could not be had (network, timeout, a non-200 or a broken JWKS document):
 * an outage to report as 503, not the token's fault. jose signals a non-200 JWKS answer with its
 * base `JOSEError` (`ERR_JOSE_GENERIC`); every token problem has a class of its own.
 */
function isKeySourceFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

/** Verifies JWT access tokens (RFC 9068 profile) with jose; never decodes without verifying. */
export function jwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const revoked = options.isRevoked;
  return {
    async verify(token) {
      let payload: JWTPayload;
      let typ: string | undefined;
      try {
        const result = await jwtVerify(token, options.keys as JWTVerifyGetKey, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: options.algorithms,
          clockTolerance: options.clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
          currentDate: new Date(now()),
        });
        payload = result.payload;
        typ = result.protectedHeader.typ;
      } catch (error) {
        if (isKeySourceFailure(error)) {
          throw new OAuthError('temporarily_unavailable', 'The token issuer keys cannot be fetched right now.', { cause: error });
        }
        throw new OAuthError('invalid_token', describe(error), { cause: error });
      }
      const type = typ?.toLowerCase();
      if (options.requireAtJwtType ? type !== 'at+jwt' && type !== 'application/at+jwt' : type !== undefined && !ACCEPTED_TYP.has(type)) {
        throw new OAuthError('invalid_token', 'The token is not an access token (typ).');
      }
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : typeof payload.azp === 'string' ? payload.azp : '';
      const principal: Principal = {
        subject: payload.sub!,
        clientId,
        scopes: scopesOf(payload),
        audience: typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []),
        expiresAt: payload.exp! * 1000,
        kind: 'jwt',
        ...(typeof payload.gid === 'string' && { grantId: payload.gid }),
      };
      if (revoked && !(await this.stillValid!(principal))) throw new OAuthError('invalid_token', 'The access token has been revoked.');
      return principal;
    },
    ...(revoked && {
      async stillValid(principal: Principal) {
        return !(await revoked({ sub: principal.subject, client_id: principal.clientId, ...(principal.grantId && { gid: principal.grantId }) }));
      },
    }),
  };
}
