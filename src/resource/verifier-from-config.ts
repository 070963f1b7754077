import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { AppDeps } from '../app/deps.js';
import { ConfigError } from '../errors/config-error.js';
import { apiKeysFromEnv } from './api-keys-from-env.js';
import type { TokenVerifier } from './principal.js';
import { apiKeyVerifier } from './verifiers/api-keys.js';
import { verifierByTokenShape } from './verifiers/by-token-shape.js';
import { cachedVerifier } from './verifiers/cached.js';
import { introspectionVerifier } from './verifiers/introspection.js';
import { jwtVerifier } from './verifiers/jwt.js';
import { opaqueLookupVerifier } from './verifiers/opaque-lookup.js';

/** The co-hosted authorization server signs with one of these (its config decides which). */
const CO_HOSTED_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

/**
 * What the guard needs from an authorization server in the same process: its signing keys
 * (active and retiring) and its grant-status check, so its tokens are verified without HTTP.
 * The composition root passes these in; the guard never reaches into the AS's internals.
 */
export interface CoHostedIssuer {
  keys: JWTVerifyGetKey;
  /** False once the grant a JWT's `gid` names is revoked (refresh reuse, code replay, the user) or over. */
  isGrantActive(grantId: string): Promise<boolean>;
}

/**
 * Builds the verifier the configuration asks for, refusing at start-up a configuration that
 * could never accept a token. External issuers (`resource.jwt`, `resource.introspection`) take
 * precedence over the co-hosted authorization server for their token shape.
 */
export function verifierFromConfig(deps: AppDeps, env: NodeJS.ProcessEnv, coHostedIssuer?: CoHostedIssuer): TokenVerifier {
  const { config, store, urls, now } = deps;
  const r = config.resource;
  const keys = [...r.apiKeys, ...apiKeysFromEnv(env, r.apiKeysEnv)];
  const apiKey = keys.length > 0 ? apiKeyVerifier(keys, urls.mcp) : undefined;
  if (config.authMode === 'api-key') {
    if (!apiKey) throw new ConfigError('resource.apiKeys', `authMode "api-key" needs at least one key (here or in ${r.apiKeysEnv})`);
    return verifierByTokenShape({ apiKey });
  }
  const coHosted = config.authorizationServer.enabled;
  if (coHosted && !coHostedIssuer) throw new Error('the co-hosted authorization server is enabled but was not passed to the guard');
  if (!coHosted && !r.jwt && !r.introspection) {
    throw new ConfigError('resource.jwt', 'authMode "oauth" without the co-hosted authorization server needs resource.jwt or resource.introspection');
  }
  const cache = (v: TokenVerifier) => (r.tokenCacheSize > 0 ? cachedVerifier(v, { maxEntries: r.tokenCacheSize, now }) : v);

  const jwt = r.jwt
    ? jwtVerifier({
        issuer: r.jwt.issuer,
        audience: urls.mcp,
        keys: r.jwt.jwksUri ? createRemoteJWKSet(new URL(r.jwt.jwksUri)) : createLocalJWKSet(r.jwt.jwks as { keys: JWK[] }),
        algorithms: r.jwt.algorithms,
        clockToleranceSeconds: r.clockToleranceSeconds,
        requireAtJwtType: r.jwt.requireAtJwtType,
        now,
      })
    : coHostedIssuer
      ? jwtVerifier({
          issuer: urls.issuer,
          audience: urls.mcp,
          keys: coHostedIssuer.keys,
          algorithms: CO_HOSTED_ALGORITHMS,
          clockToleranceSeconds: r.clockToleranceSeconds,
          requireAtJwtType: true,
          // A revoked grant (refresh reuse, code replay, user revocation) kills its JWTs at once;
          // every token this AS signs names its grant, so one without `gid` is not ours to honour.
          isRevoked: async ({ gid }) => gid === undefined || !(await coHostedIssuer.isGrantActive(gid)),
          now,
        })
      : undefined;

  let opaque: TokenVerifier | undefined;
  if (r.introspection) {
    const secret = env[r.introspection.clientSecretEnv];
    if (!secret) throw new ConfigError('resource.introspection.clientSecretEnv', `environment variable ${r.introspection.clientSecretEnv} is not set`);
    opaque = cache(introspectionVerifier({ ...r.introspection, clientSecret: secret }));
  } else if (coHosted) {
    opaque = opaqueLookupVerifier((hash) => store.findAccessToken(hash, now()));
  }

  return verifierByTokenShape({ apiKey, jwt: jwt && cache(jwt), opaque });
}
