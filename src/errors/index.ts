export { OAuthError, isOAuthError, type OAuthErrorCode, type OAuthErrorOptions } from './oauth-error.js';
export { ConfigError } from './config-error.js';
