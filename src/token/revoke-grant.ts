import type { TokenContext } from './context.js';

/**
 * Revokes a grant (its refresh and opaque access tokens go with it, and its JWTs fail the
 * `isGrantActive` check) and drops this process's cached "active" answer at once.
 */
export async function revokeGrant(ctx: TokenContext, grantId: string): Promise<void> {
  await ctx.deps.store.revokeGrant(grantId, ctx.deps.now());
  ctx.grants.forget(grantId);
}
