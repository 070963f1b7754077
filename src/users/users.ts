import { newId } from '../crypto/hash.js';
import type { Store, UserRecord } from '../store/contract.js';
import { DEFAULT_COST, hashPassword, type ScryptCost } from './password.js';

/** Usernames are case-insensitive: stored and looked up in this form. */
export function normaliseUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 8;
// scrypt takes any length, but a megabyte "password" is a cheap way to burn server CPU.
export const MAX_PASSWORD_LENGTH = 1024;

/** Why a username or password is refused, in words for the person choosing it. */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

export function checkUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new UserInputError('a username is 1-64 characters of a-z, 0-9, ".", "_", "@" or "-", starting with a letter or digit');
  }
}

export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserInputError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new UserInputError(`a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}

/** Creates a local user; `StoreConflictError` when the name is taken. */
export async function addUser(
  store: Store,
  rawUsername: string,
  password: string,
  options: { now?: number; cost?: ScryptCost } = {},
): Promise<UserRecord> {
  const username = normaliseUsername(rawUsername);
  checkUsername(username);
  checkNewPassword(password);
  const user: UserRecord = {
    userId: newId(),
    username,
    passwordHash: await hashPassword(password, options.cost ?? DEFAULT_COST),
    createdAt: options.now ?? Date.now(),
  };
  await store.createUser(user);
  return user;
}

/**
 * Removes a user with everything that lets a client act for them: their grants (and so their
 * tokens) and their remembered consents. Returns false when there is no such user.
 */
export async function removeUser(store: Store, rawUsername: string, now = Date.now()): Promise<boolean> {
  const user = await store.getUserByName(normaliseUsername(rawUsername));
  if (!user) return false;
  for (const grant of await store.listGrantsByUser(user.userId)) await store.revokeGrant(grant.grantId, now);
  for (const consent of await store.listConsentsByUser(user.userId)) await store.revokeConsent(user.userId, consent.clientId);
  return store.deleteUser(user.userId);
}
