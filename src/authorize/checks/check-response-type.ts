import { OAuthError } from '../../errors/oauth-error.js';
import { earlier, type AuthorizeContext } from '../context.js';

/** OAuth 2.1 has one response type for this endpoint: `code`. */
export function checkResponseType(ctx: AuthorizeContext): void {
  const responseType = ctx.params.one('response_type');
  if (responseType === undefined) throw new OAuthError('invalid_request', 'The request has no response_type.');
  if (responseType !== 'code') {
    throw new OAuthError('unsupported_response_type', 'Only response_type=code is supported.');
  }
  const { record } = earlier(ctx.client, 'client');
  // RFC 7591 §2: an absent response_types list means ["code"].
  if (record.responseTypes.length > 0 && !record.responseTypes.includes('code')) {
    throw new OAuthError('unauthorized_client', 'This client is not registered for the authorization code flow.');
  }
}
