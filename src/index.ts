/**
 * Gatehouse's public library API. Everything a TypeScript MCP server needs to put auth in front
 * of itself: the whole server (`createGatehouse` / `startGatehouse`), or just the guard for `/mcp`
 * in front of your own SDK v2 handler or SDK v1 Express app. See docs/guard.md and README.md.
 */

// The whole server: protected resource + authorization server + your MCP handler.
export { createGatehouse, type Gatehouse, type GatehouseOptions } from './app/create-gatehouse.js';
export { startGatehouse, type RunningGatehouse, type StartOptions } from './app/start.js';
export type { McpFetchHandler } from './mcp/handler.js';

// Configuration.
export { loadConfig, parseConfig, type LoadConfigOptions } from './config/load.js';
export type { Config, ConfigInput } from './config/schema.js';
export { requireEnv } from './config/require-env.js';

// The guard on its own, for an MCP server with its own authorization server.
export { createResourceGuard, type ResourceGuard, type ResourceGuardOptions, type Authenticated } from './resource/guard.js';
export { guardMcpHandler, type GuardMcpOptions } from './mcp/guard-mcp.js';
export { SessionBindings } from './mcp/session-bindings.js';
export { expressMcpGuard, type ExpressGuardOptions } from './mcp/express.js';
export { protectedResourceMetadata, metadataResponse } from './resource/metadata.js';
export type { Principal, TokenVerifier } from './resource/principal.js';
export { jwtVerifier, type JwtVerifierOptions } from './resource/verifiers/jwt.js';
export { introspectionVerifier, type IntrospectionVerifierOptions } from './resource/verifiers/introspection.js';
export { opaqueLookupVerifier } from './resource/verifiers/opaque-lookup.js';
export { apiKeyVerifier, generateApiKey, type ApiKey } from './resource/verifiers/api-keys.js';
export { cachedVerifier } from './resource/verifiers/cached.js';
export { verifierByTokenShape } from './resource/verifiers/by-token-shape.js';

// Storage.
export { openStore, type OpenStoreOptions } from './store/open-store.js';
export type * from './store/contract.js';
export { StoreConflictError } from './store/contract.js';

// Logging (JSON lines, secrets redacted).
export { createLogger, type Logger, type LogLevel } from './log/logger.js';

// Errors and secrets.
export { OAuthError, isOAuthError, ConfigError, type OAuthErrorCode } from './errors/index.js';
export { hashSecret, constantTimeEqual } from './crypto/hash.js';
