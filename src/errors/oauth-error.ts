/**
 * The one error family of Gatehouse. Every rejection that reaches a client is an `OAuthError`:
 * its `code` is the RFC error code (RFC 6749 §5.2, RFC 6750 §3.1, RFC 7591 §3.2.2, RFC 8707 §2,
 * RFC 9728), its `status` the HTTP status that code maps to, and nothing else decides either.
 * `description` is shown to the client, so it must never carry a token, a code or a secret.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'invalid_target'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'login_required'
  | 'consent_required'
  | 'rate_limited'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'server_error'
  | 'temporarily_unavailable';

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  unsupported_token_type: 400,
  invalid_scope: 400,
  access_denied: 403,
  invalid_target: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  invalid_redirect_uri: 400,
  invalid_client_metadata: 400,
  login_required: 401,
  consent_required: 403,
  rate_limited: 429,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  server_error: 500,
  temporarily_unavailable: 503,
};

export interface OAuthErrorOptions {
  /** Overrides the status the code maps to (e.g. 401 for `invalid_client` vs 400 without auth header). */
  status?: number;
  /** Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`). */
  headers?: Record<string, string>;
  /** The underlying cause, for logs only; never serialised to the client. */
  cause?: unknown;
}

export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: number;
  readonly description: string;
  readonly headers: Record<string, string>;

  constructor(code: OAuthErrorCode, description: string, options: OAuthErrorOptions = {}) {
    super(`${code}: ${description}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthError';
    this.code = code;
    this.status = options.status ?? STATUS[code];
    this.description = description;
    this.headers = options.headers ?? {};
  }

  /** The RFC 6749 §5.2 JSON body. */
  toJSON(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.description };
  }
}

export function isOAuthError(value: unknown): value is OAuthError {
  return value instanceof OAuthError;
}
