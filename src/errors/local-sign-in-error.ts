/**
 * Why a local server (`gatehouse/local`) could not get the user's upstream token. Each `code`
 * is stable (tools, the CLI and tests branch on it); the `message` is written for the person
 * and never carries a token, a code or a secret.
 */
export type LocalSignInErrorCode =
  /** Nothing on file for this provider and account: sign in first. */
  | 'sign_in_required'
  /** The provider refused the refresh token (revoked, expired): sign in again. */
  | 'sign_in_again'
  /** The callback's `state` was missing or not the one this sign-in sent. */
  | 'state_mismatch'
  /** The callback (or the pasted URL) is not a valid answer from the provider. */
  | 'invalid_callback'
  /** Nobody came back to the loopback listener in time. */
  | 'callback_timeout'
  /** The loopback port could not be bound. */
  | 'port_unavailable'
  /** The person said no at the provider. */
  | 'access_denied'
  /** The provider answered with an OAuth error other than a denial. */
  | 'provider_error'
  /** The provider could not be reached (network, 5xx, bad metadata). */
  | 'provider_unreachable'
  /** The device code expired before the person approved it. */
  | 'device_code_expired'
  /** No OS keychain can be reached, and no encrypted file was opted in. */
  | 'keychain_unavailable'
  /** The keychain exists but is locked, and unlocking it was refused. */
  | 'keychain_locked'
  /** The encrypted token file cannot be opened (wrong passphrase, tampered). */
  | 'token_file_unreadable'
  /** The local server's own configuration is incomplete. */
  | 'not_configured';

export class LocalSignInError extends Error {
  readonly code: LocalSignInErrorCode;

  constructor(code: LocalSignInErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalSignInError';
    this.code = code;
  }
}

export function isLocalSignInError(value: unknown, code?: LocalSignInErrorCode): value is LocalSignInError {
  return value instanceof LocalSignInError && (code === undefined || value.code === code);
}
