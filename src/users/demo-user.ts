import { randomBytes } from 'node:crypto';
import { StoreConflictError, type Store } from '../store/contract.js';
import { addUser } from './users.js';

export interface DemoCredentials {
  username: string;
  password: string;
}

/**
 * A first start has nobody to sign in as: when the store holds no user at all, creates `demo`
 * with a random password and returns the credentials for `gatehouse serve` to print once.
 * Returns undefined when any user exists (the password is never stored in the clear).
 */
export async function ensureDemoUser(store: Store): Promise<DemoCredentials | undefined> {
  if ((await store.listUsers()).length > 0) return undefined;
  const password = randomBytes(12).toString('base64url');
  try {
    await addUser(store, 'demo', password);
  } catch (error) {
    // Another instance sharing the store created it first: its credentials are the ones printed.
    if (error instanceof StoreConflictError) return undefined;
    throw error;
  }
  return { username: 'demo', password };
}
