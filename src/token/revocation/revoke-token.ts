import type { TokenContext } from '../context.js';
import type { TokenView } from '../find-token.js';
import { revokeGrant } from '../revoke-grant.js';

/**
 * RFC 7009 §2.1. A refresh token takes its whole grant with it (and so every access token the
 * grant issued). An opaque access token goes alone. A JWT cannot be deleted, only disowned: its
 * grant is revoked, which the guard sees through `isGrantActive`.
 */
export async function revokeToken(ctx: TokenContext, view: TokenView): Promise<void> {
  const { store, logger } = ctx.deps;
  if (view.kind === 'access_token' && view.format === 'opaque') {
    await store.deleteAccessToken(view.hash);
  } else {
    await revokeGrant(ctx, view.grantId);
  }
  logger.info('token_revoked', { kind: view.kind, format: view.format, grantId: view.grantId, clientId: view.clientId });
}
