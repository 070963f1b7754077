export { OAuthError, isOAuthError, type OAuthErrorCode, type OAuthErrorOptions } from './oauth-error.js';
export { ConfigError } from './config-error.js';
export { LocalSignInError, isLocalSignInError, type LocalSignInErrorCode } from './local-sign-in-error.js';
