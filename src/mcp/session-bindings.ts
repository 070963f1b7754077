import { hashSecret } from '../crypto/hash.js';
import { BoundedCache } from '../runtime/bounded-cache.js';
import type { Principal } from '../resource/principal.js';

export type SessionCheck = 'bound-to-caller' | 'unknown' | 'other-principal';

/** Who a session belongs to: the user and the client together (the same user in another app is someone else). */
function owner(principal: Principal): string {
  return JSON.stringify([principal.subject, principal.clientId]);
}

/**
 * MCP sessions (2025-11-25) are not authentication: each one is bound to the principal that
 * created it, and only that principal may use it (MCP security best practices, session
 * hijacking). Kept per instance, like the SDK's sessions themselves; when more than `maxSessions`
 * exist the least recently used binding is forgotten, and its session then answers 404 (the
 * client starts a new one) rather than being usable by anybody.
 */
export class SessionBindings {
  readonly #owners: BoundedCache<string>;

  constructor(maxSessions: number) {
    this.#owners = new BoundedCache<string>(maxSessions);
  }

  bind(sessionId: string, principal: Principal): void {
    this.#owners.set(hashSecret(sessionId), owner(principal), Infinity);
  }

  check(sessionId: string, principal: Principal): SessionCheck {
    const bound = this.#owners.get(hashSecret(sessionId));
    if (bound === undefined) return 'unknown';
    return bound === owner(principal) ? 'bound-to-caller' : 'other-principal';
  }

  end(sessionId: string): void {
    this.#owners.delete(hashSecret(sessionId));
  }
}
