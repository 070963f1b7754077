import { OAuthError } from '../errors/oauth-error.js';

/**
 * The parameters of one authorization request, from the query (GET) or the form body (POST).
 * RFC 6749 §3.1: a parameter sent without a value counts as absent, and none may appear twice
 * (except `resource`, which RFC 8707 lets repeat).
 */
export class AuthorizeParams {
  constructor(private readonly source: URLSearchParams) {}

  /** The single value of `name`, or undefined; `invalid_request` if it is repeated. */
  one(name: string): string | undefined {
    const values = this.all(name);
    if (values.length > 1) throw new OAuthError('invalid_request', `The ${name} parameter appears more than once.`);
    return values[0];
  }

  /** Every non-empty value of `name`. */
  all(name: string): string[] {
    return this.source.getAll(name).filter((value) => value !== '');
  }
}
