import { ConfigError } from '../../errors/config-error.js';
import { StoreConflictError, type Store } from '../contract.js';

/** Every method of the storage contract: what a store in another thread must answer. */
export const STORE_METHODS = [
  'putClient', 'getClient', 'deleteClient', 'touchClient',
  'saveCode', 'findCode', 'exchangeCode', 'consumeCode',
  'saveGrant', 'getGrant', 'revokeGrant', 'listGrantsByUser',
  'saveRefreshToken', 'getRefreshToken', 'rotateRefreshToken', 'deleteRefreshToken',
  'saveAccessToken', 'findAccessToken', 'deleteAccessToken',
  'putConsent', 'getConsent', 'listConsentsByUser', 'revokeConsent',
  'getUpstreamToken', 'putUpstreamToken', 'deleteUpstreamToken',
  'putSigningKey', 'listSigningKeys', 'deleteSigningKey',
  'createUser', 'getUserByName', 'getUser', 'listUsers', 'deleteUser',
  'putPending', 'takePending', 'peekPending', 'rememberOnce', 'hitRateLimit', 'acquireLease', 'releaseLease',
  'addNote', 'listNotes', 'clearNotes',
  'sweepExpired', 'close',
] as const satisfies readonly (keyof Store)[];

export type StoreMethod = (typeof STORE_METHODS)[number];

// A method added to the contract but not to the list above fails to compile here.
type Unlisted = Exclude<{ [K in keyof Store]: Store[K] extends (...args: never[]) => unknown ? K : never }[keyof Store], StoreMethod>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

/** Main thread → store thread, first: which database to open. */
export interface StoreOpen {
  open: { path: string; synchronous: 'normal' | 'full' };
}

/** One call. `now` is the caller's clock, for methods that take no `now`. */
export interface StoreCall {
  id: number;
  method: StoreMethod;
  args: unknown[];
  now: number;
}

/** Main thread → store thread, then: the calls made since the last message. */
export interface StoreCalls {
  calls: StoreCall[];
}

/** The answer to one call. */
export type CallReply = { id: number; value: unknown } | { id: number; error: ThreadError };

/** An error as it crosses threads: the contract's own error types come back as themselves. */
export interface ThreadError {
  name: string;
  message: string;
  field?: string;
}

/** Store thread → main thread: whether the database opened, then the answers ready since the last message. */
export type StoreReply = { ready: true } | { failed: ThreadError } | { replies: CallReply[] };

export function toThreadError(error: unknown): ThreadError {
  if (error instanceof ConfigError) return { name: error.name, message: error.message.slice(error.field.length + 2), field: error.field };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message };
}

export function fromThreadError(error: ThreadError): Error {
  if (error.name === 'ConfigError' && error.field !== undefined) return new ConfigError(error.field, error.message);
  if (error.name === 'StoreConflictError') return new StoreConflictError(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
