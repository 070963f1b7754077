import * as oauth from 'oauth4webapi';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import { clientAuth, clientOf, requestOptions } from '../../upstream/providers/oauth-client.js';
import type { LocalProvider } from '../provider.js';
import { signInError } from './errors.js';
import type { PendingSignIn } from './types.js';

export interface DeviceOptions {
  /** Waits between polls (injectable so tests need not wait the provider's interval). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Whether the provider offers RFC 8628 device authorization. */
export async function offersDeviceFlow(provider: LocalProvider): Promise<boolean> {
  try {
    return Boolean((await provider.upstream.authorizationServer()).device_authorization_endpoint);
  } catch (cause) {
    throw signInError(cause, provider.name);
  }
}

/**
 * RFC 8628 device authorization, for machines without a browser: the person opens the
 * verification page anywhere and types (or follows) the user code; we poll the token endpoint at
 * the interval the provider sets, slowing down when told to, until approval, denial or expiry.
 */
export async function startDeviceSignIn(provider: LocalProvider, options: DeviceOptions = {}): Promise<PendingSignIn> {
  const sleep = options.sleep ?? wait;
  const client = clientOf(provider.settings);
  let as: oauth.AuthorizationServer;
  let device: oauth.DeviceAuthorizationResponse;
  try {
    as = await provider.upstream.authorizationServer();
    const parameters: Record<string, string> = { ...(provider.settings.scopes.length > 0 ? { scope: provider.settings.scopes.join(' ') } : {}) };
    const response = await oauth.deviceAuthorizationRequest(as, client, clientAuth(provider.settings), parameters, requestOptions(as));
    device = await oauth.processDeviceAuthorizationResponse(as, client, response);
  } catch (cause) {
    throw signInError(cause, provider.name);
  }

  const abort = new AbortController();
  const deadline = Date.now() + device.expires_in * 1000;
  const poll = async () => {
    let interval = (device.interval ?? 5) * 1000;
    for (;;) {
      await sleep(interval, abort.signal);
      if (abort.signal.aborted) throw new LocalSignInError('callback_timeout', 'The sign-in was cancelled.');
      if (Date.now() > deadline) throw expired(provider.name);
      try {
        const response = await oauth.deviceCodeGrantRequest(as, client, clientAuth(provider.settings), device.device_code, requestOptions(as));
        const result = await oauth.processDeviceCodeResponse(as, client, response);
        return { ...(await provider.upstream.readSignIn(result)), path: 'device' as const };
      } catch (cause) {
        if (cause instanceof oauth.ResponseBodyError && cause.error === 'authorization_pending') continue;
        if (cause instanceof oauth.ResponseBodyError && cause.error === 'slow_down') {
          interval += 5000;
          continue;
        }
        if (cause instanceof oauth.ResponseBodyError && cause.error === 'expired_token') throw expired(provider.name);
        throw signInError(cause, provider.name);
      }
    }
  };
  const done = poll();
  done.catch(() => {});
  return {
    path: 'device',
    url: device.verification_uri_complete ?? device.verification_uri,
    userCode: device.user_code,
    done,
    cancel: () => abort.abort(),
  };
}

function expired(provider: string): LocalSignInError {
  return new LocalSignInError('device_code_expired', `The ${provider} device code expired before it was approved; nothing was saved. Start the sign-in again.`);
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
