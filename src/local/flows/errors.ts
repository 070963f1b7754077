import * as oauth from 'oauth4webapi';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import { UpstreamAuthorizationError } from '../../upstream/providers/types.js';

/**
 * What went wrong in a sign-in, said so the person can act: a denial, the provider's own error,
 * a provider that cannot be reached, or an answer that is not a valid callback.
 */
export function signInError(cause: unknown, provider: string): LocalSignInError {
  if (cause instanceof LocalSignInError) return cause;
  if (cause instanceof oauth.AuthorizationResponseError || cause instanceof UpstreamAuthorizationError) {
    const error = cause instanceof UpstreamAuthorizationError ? cause.upstreamError : cause.error;
    if (error === 'access_denied') return new LocalSignInError('access_denied', `You declined the sign-in at ${provider}; nothing was saved.`, { cause });
    return new LocalSignInError('provider_error', `${provider} refused the sign-in (${error.slice(0, 64)}); nothing was saved.`, { cause });
  }
  if (cause instanceof oauth.ResponseBodyError) {
    if (cause.error === 'access_denied') return new LocalSignInError('access_denied', `You declined the sign-in at ${provider}; nothing was saved.`, { cause });
    if (cause.status >= 500) return unreachable(provider, cause);
    return new LocalSignInError('provider_error', `${provider} refused the sign-in (${cause.error.slice(0, 64)}); nothing was saved.`, { cause });
  }
  if (cause instanceof oauth.OperationProcessingError) {
    return new LocalSignInError('invalid_callback', `${provider} sent an answer that failed its checks (${cause.message}); nothing was saved.`, { cause });
  }
  return unreachable(provider, cause);
}

/** Network failures, 5xx, broken metadata: the provider is not there to talk to. */
export function unreachable(provider: string, cause: unknown): LocalSignInError {
  const detail = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as Error)?.message ?? String(cause);
  return new LocalSignInError('provider_unreachable', `${provider} could not be reached (${String(detail).slice(0, 120)}); nothing was saved. Try again later.`, { cause });
}
