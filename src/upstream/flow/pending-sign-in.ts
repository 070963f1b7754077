import { constantTimeEqual, hashSecret } from '../../crypto/hash.js';
import type { AuthorizationRequest } from '../../authorize/request.js';
import type { UpstreamFlowSecrets } from '../providers/types.js';
import type { UpstreamRuntime } from '../runtime.js';

/**
 * An upstream sign-in on its way: stored only after our consent, under the digest of the
 * `state` sent to the provider (the state itself is never stored), sealed, short-lived, and
 * taken once. It remembers the approving browser as the digest of its session id.
 */
export interface PendingSignIn {
  provider: string;
  request: AuthorizationRequest;
  secrets: UpstreamFlowSecrets;
}

const KIND = 'upstream-sign-in';
const idOf = (state: string) => `upstream:${hashSecret(state)}`;

interface StoredSignIn {
  provider: string;
  request: AuthorizationRequest;
  browser: string;
  sealed: string;
}

export async function putSignIn(up: UpstreamRuntime, signIn: PendingSignIn, sessionId: string): Promise<void> {
  const id = idOf(signIn.secrets.state);
  const { codeVerifier, nonce } = signIn.secrets;
  const data: StoredSignIn = {
    provider: signIn.provider,
    request: signIn.request,
    browser: hashSecret(sessionId),
    sealed: up.sealer.seal(JSON.stringify({ codeVerifier, nonce }), id),
  };
  const ttl = up.deps.config.authorizationServer.upstream.stateTtl;
  await up.deps.store.putPending(id, { kind: KIND, data: { ...data }, expiresAt: up.deps.now() + ttl * 1000 });
}

export type SignInLookup =
  | { status: 'ok'; signIn: PendingSignIn }
  | { status: 'unknown' }
  | { status: 'other-browser' };

/**
 * Finds the sign-in for a returning `state` and uses it up — but only when this browser is the
 * one that approved it: a state carried to another browser is refused without burning it.
 */
export async function takeSignIn(up: UpstreamRuntime, state: string, provider: string, sessionId: string | undefined): Promise<SignInLookup> {
  const id = idOf(state);
  const peeked = stored(await up.deps.store.peekPending(id, up.deps.now()));
  if (!peeked || peeked.provider !== provider) return { status: 'unknown' };
  if (sessionId === undefined || !constantTimeEqual(hashSecret(sessionId), peeked.browser)) return { status: 'other-browser' };
  const taken = stored(await up.deps.store.takePending(id, up.deps.now()));
  if (!taken) return { status: 'unknown' };
  const { codeVerifier, nonce } = JSON.parse(up.sealer.open(taken.sealed, id)) as { codeVerifier: string; nonce?: string };
  return { status: 'ok', signIn: { provider, request: taken.request, secrets: { state, codeVerifier, ...(nonce ? { nonce } : {}) } } };
}

function stored(record: { kind: string; data: Record<string, unknown> } | undefined): StoredSignIn | undefined {
  return record?.kind === KIND ? (record.data as unknown as StoredSignIn) : undefined;
}
