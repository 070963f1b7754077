/**
 * A configuration or start-up problem: raised before the server listens, printed with the
 * offending field's path, and never sent to a client (so it is not an `OAuthError`).
 */
export class ConfigError extends Error {
  /** Dotted path of the field at fault (`store.url`), or the environment variable's name. */
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(`${field}: ${message}`, options);
    this.name = 'ConfigError';
    this.field = field;
  }
}
