import type { TokenContext } from '../context.js';
import type { TokenView } from '../find-token.js';
import type { GrantStatus } from '../grant-status.js';

/**
 * RFC 7009 §2.1. A refresh token takes its whole grant with it (and so every access token the
 * grant issued). An opaque access token goes alone. A JWT cannot be deleted, only disowned: its
 * grant is revoked, which the guard sees through `isGrantActive`.
 */
export async function revokeToken(ctx: TokenContext, grants: GrantStatus, view: TokenView): Promise<void> {
  const { store, now, logger } = ctx.deps;
  if (view.kind === 'access_token' && view.format === 'opaque') {
    await store.deleteAccessToken(view.hash);
  } else {
    await store.revokeGrant(view.grantId, now());
    grants.forget(view.grantId);
  }
  logger.info('token_revoked', { kind: view.kind, format: view.format, grantId: view.grantId, clientId: view.clientId });
}
