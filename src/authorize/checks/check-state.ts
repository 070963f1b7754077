import { OAuthError } from '../../errors/oauth-error.js';
import type { AuthorizeContext } from '../context.js';

const MAX_STATE_LENGTH = 1024;
// RFC 6749 Appendix A.5: state is VSCHAR (printable ASCII).
const VSCHAR = /^[\x20-\x7E]+$/;

/**
 * `state` is the client's own CSRF defence: passed back untouched on every response. Checked
 * right after the redirect URI (before the other rules) so that their errors can carry it.
 */
export function checkState(ctx: AuthorizeContext): void {
  const state = ctx.params.one('state');
  if (state === undefined) return;
  if (state.length > MAX_STATE_LENGTH || !VSCHAR.test(state)) {
    throw new OAuthError('invalid_request', `The state parameter must be at most ${MAX_STATE_LENGTH} printable ASCII characters.`);
  }
  ctx.state = state;
}
