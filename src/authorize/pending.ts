import type { AppDeps } from '../app/deps.js';
import { newId } from '../crypto/hash.js';
import type { AuthorizationRequest } from './request.js';

/**
 * What waits between pages, under a random id in the store (short-lived, taken once): an
 * authorization request on its way through login and consent, or a visit to the account page
 * that needs a sign-in first.
 */
export type Pending =
  | { kind: 'authorize'; request: AuthorizationRequest }
  | { kind: 'account' };

export async function putPending(deps: AppDeps, pending: Pending): Promise<string> {
  const id = newId();
  const ttl = deps.config.authorizationServer.authorize.pendingTtl;
  await deps.store.putPending(id, { kind: pending.kind, data: { ...pending }, expiresAt: deps.now() + ttl * 1000 });
  return id;
}

/** Reads without using it up (to show a page, or to re-show the login form after a typo). */
export async function peekPending(deps: AppDeps, id: string | undefined): Promise<Pending | undefined> {
  if (!id) return undefined;
  return fromRecord(await deps.store.peekPending(id, deps.now()));
}

/** Uses it up: a second submission of the same consent form finds nothing. */
export async function takePending(deps: AppDeps, id: string): Promise<Pending | undefined> {
  return fromRecord(await deps.store.takePending(id, deps.now()));
}

function fromRecord(record: { kind: string; data: Record<string, unknown> } | undefined): Pending | undefined {
  if (record?.kind === 'authorize' || record?.kind === 'account') return record.data as unknown as Pending;
  return undefined;
}
