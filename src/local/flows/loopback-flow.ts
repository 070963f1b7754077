import * as oauth from 'oauth4webapi';
import { constantTimeEqual } from '../../crypto/hash.js';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import type { UpstreamFlowSecrets } from '../../upstream/providers/types.js';
import type { LocalProvider } from '../provider.js';
import { signInError } from './errors.js';
import { openLoopbackListener } from './loopback-listener.js';
import type { PendingSignIn, SignInResult } from './types.js';

export interface LoopbackOptions {
  timeoutMs: number;
  /** Fixed port (tests); default an ephemeral one. */
  port?: number;
}

/**
 * Authorization code + PKCE S256 with a loopback redirect (RFC 8252 §7.3): the listener is up
 * before the URL exists, and whatever comes back is checked — `state` (constant time), then
 * `iss` (RFC 9207, required when the provider advertises it) and errors by oauth4webapi — before
 * the code is redeemed. The browser is told the outcome; the listener closes either way.
 */
export async function startLoopbackSignIn(provider: LocalProvider, options: LoopbackOptions): Promise<PendingSignIn> {
  const secrets = newSecrets();
  let url: URL;
  try {
    await provider.upstream.authorizationServer();
  } catch (cause) {
    throw signInError(cause, provider.name);
  }
  const listener = await openLoopbackListener({ timeoutMs: options.timeoutMs, ...(options.port !== undefined ? { port: options.port } : {}) });
  try {
    url = await provider.upstream.authorizationUrl(secrets, listener.redirectUri);
  } catch (cause) {
    listener.close();
    throw signInError(cause, provider.name);
  }
  const done = listener.callback.then(async (callback) => {
    try {
      const result = await finishCallback(provider, callback.url, secrets, listener.redirectUri);
      callback.finish({ ok: true, message: `Signed in to ${provider.name} as ${result.identity.displayName}. You can close this tab.` });
      return { ...result, path: 'loopback' as const };
    } catch (cause) {
      const error = signInError(cause, provider.name);
      callback.finish({ ok: false, message: error.message });
      throw error;
    }
  });
  done.catch(() => {});
  return { path: 'loopback', url: url.href, done, cancel: () => listener.close() };
}

/** The callback's checks and the code's redemption, shared with the paste path. */
export async function finishCallback(provider: LocalProvider, callback: URL, secrets: UpstreamFlowSecrets, redirectUri: string): Promise<Omit<SignInResult, 'path'>> {
  const state = callback.searchParams.get('state');
  if (state === null || !constantTimeEqual(state, secrets.state)) {
    throw new LocalSignInError('state_mismatch', `The sign-in answer ${state === null ? 'has no state' : 'carries a state this sign-in did not send'}: it was refused and nothing was saved. Start the sign-in again.`);
  }
  return provider.upstream.finishSignIn(callback, secrets, redirectUri);
}

export function newSecrets(): UpstreamFlowSecrets {
  return { state: oauth.generateRandomState(), codeVerifier: oauth.generateRandomCodeVerifier(), nonce: oauth.generateRandomNonce() };
}
