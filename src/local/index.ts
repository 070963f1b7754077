/**
 * `gatehouse/local`: the local tier, for a stdio MCP server (or an MCPB bundle) that calls an
 * OAuth upstream as its user — loopback, device and pasted-URL sign-in, tokens in the OS
 * keychain, refresh once across calls and processes, sign-in from inside a tool call — and the
 * Tier 1 helper for a key from the environment. It loads none of the HTTP server side.
 * See docs/local.md.
 */
export { createLocalServerAuth, type LocalServerAuth, type LocalServerAuthOptions } from './local-server-auth.js';
export { loadLocalConfig, parseLocalConfig, localConfigSchema, type LocalConfig, type LocalConfigInput, type LocalProviderEntry } from './config.js';
export { createLocalAuth, type LocalAuth, type LocalAuthOptions, type LocalAccessToken, type LocalAuthStatus, type RevocationOutcome } from './local-auth.js';
export { localProvider, type LocalProvider } from './provider.js';
export { createToolSignIn, supportsUrlElicitation, type ToolSignIn, type ToolSignInOptions, type ToolSignInResult } from './tool-sign-in.js';
export { startSignIn, signInInteractively, type StartSignInOptions } from './sign-in.js';
export { chooseSignInPath, type PathChoice } from './flows/choose-path.js';
export { detectSessionKind, type SessionKind } from './flows/session-kind.js';
export { terminalIo } from './flows/terminal-io.js';
export type { SignInIo, SignInPath, SignInResult, PendingSignIn } from './flows/types.js';
export { openTokenStore } from './token-store/open-token-store.js';
export { openKeychainStore, keychainAdvice } from './token-store/keychain-store.js';
export { openEncryptedFileStore } from './token-store/encrypted-file-store.js';
export type { TokenStore, StoredSignIn, EntryKey } from './token-store/types.js';
export { stateDir } from './paths.js';
export { requireKey, startOrExit } from './require-key.js';
export { LocalSignInError, isLocalSignInError, type LocalSignInErrorCode } from '../errors/local-sign-in-error.js';
export { ConfigError } from '../errors/config-error.js';
