/**
 * The token room's public API: the composition root builds one `TokenService` and mounts
 * `tokenRoutes`; the co-hosted guard verifies JWTs with `service.keys.getKey` (or
 * `publicJwks()`) and checks revocation with `service.isGrantActive(gid)`.
 */
export { createTokenService, type TokenService, type TokenServiceOptions } from './token-service.js';
export { tokenRoutes, type TokenRoutesOptions } from './routes.js';
export { createGrantStatus, GRANT_STATUS_CACHE_MS, type GrantStatus } from './grant-status.js';
export type { KeySet, PublicJwks, SigningKey } from './keys/key-set.js';
export { tokenEndpointUrls, type TokenEndpointUrls } from './endpoints.js';
