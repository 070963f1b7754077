import type { ServerContext } from '@modelcontextprotocol/server';

/**
 * Sends `notifications/progress` for the current request when the caller asked for progress
 * (a `progressToken` in the request's `_meta`); a silent no-op otherwise, as the spec wants.
 */
export async function reportProgress(ctx: ServerContext, progress: number, total: number, message?: string): Promise<void> {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return;
  await ctx.mcpReq.notify({
    method: 'notifications/progress',
    params: { progressToken, progress, total, ...(message !== undefined && { message }) },
  });
}

/** Waits `ms`, or rejects with the signal's reason as soon as the request is cancelled. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
