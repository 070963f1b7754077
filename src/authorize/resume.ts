import { newId } from '../crypto/hash.js';
import type { Context } from 'hono';
import type { AuthenticatedUser } from '../users/identity-provider.js';
import { issueCode } from './issue-code.js';
import { sendFlowError } from './page-response.js';
import { peekPending, takePending } from './pending.js';
import { consentCovers } from './remembered-consent.js';
import type { AuthorizeRuntime } from './runtime.js';
import type { BrowserSession } from './session.js';

type SignedIn = BrowserSession & { user: NonNullable<BrowserSession['user']> };

/**
 * The end of every sign-in, whatever provider vouched for the user (local password today,
 * upstream providers later): a new session id (no fixation), then back to what was waiting.
 */
export async function completeLogin(rt: AuthorizeRuntime, c: Context, user: AuthenticatedUser, requestId: string): Promise<Response> {
  const session: SignedIn = { sid: newId(), user: { ...user, authTime: rt.deps.now() } };
  await rt.sessions.write(c, session);
  rt.deps.logger.info('login', { userId: user.userId, provider: user.provider });
  return resume(rt, c, requestId, session);
}

/**
 * A signed-in user continues a pending step: the account page, or an authorization request —
 * straight to the client with a code when earlier consent covers it, else to the consent page.
 */
export async function resume(rt: AuthorizeRuntime, c: Context, requestId: string, session: SignedIn): Promise<Response> {
  const pending = await peekPending(rt.deps, requestId);
  if (!pending) return sendFlowError(c, rt.issuerHost, 'expired');
  if (pending.kind === 'account') {
    await takePending(rt.deps, requestId);
    return c.redirect('/account', 303);
  }
  if (!(await consentCovers(rt.deps.store, session.user.userId, pending.request))) {
    return c.redirect(`/authorize/consent?request=${encodeURIComponent(requestId)}`, 303);
  }
  const taken = await takePending(rt.deps, requestId);
  if (taken?.kind !== 'authorize') return sendFlowError(c, rt.issuerHost, 'expired');
  c.header('Cache-Control', 'no-store');
  return c.redirect(await issueCode(rt.deps, taken.request, session.user), 303);
}

export type { SignedIn };
