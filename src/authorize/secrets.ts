import { hkdfSync, randomBytes } from 'node:crypto';
import type { AppDeps } from '../app/deps.js';
import { ConfigError } from '../errors/config-error.js';

/** Keys derived from the cookie secret, one per purpose so no token can pass for another. */
export interface AuthorizeKeys {
  session: Uint8Array;
  csrf: Buffer;
}

const MIN_SECRET_LENGTH = 32;

/**
 * The secret comes from the environment variable named by `cookieSecretEnv`. Without it a
 * random secret is made for this process: sessions end at restart, and instances sharing a
 * store would not accept each other's cookies, hence the warning for shared backends.
 */
export function authorizeKeys(deps: AppDeps, env: NodeJS.ProcessEnv = process.env): AuthorizeKeys {
  const name = deps.config.authorizationServer.authorize.cookieSecretEnv;
  let secret = env[name];
  if (secret !== undefined && secret !== '') {
    if (secret.length < MIN_SECRET_LENGTH) throw new ConfigError(name, `must hold at least ${MIN_SECRET_LENGTH} characters`);
  } else {
    secret = randomBytes(32).toString('base64url');
    if (deps.store.kind === 'redis' || deps.store.kind === 'postgres') {
      deps.logger.warn('cookie_secret_generated', {
        message: `${name} is not set: sign-in sessions are signed with a per-process secret, so instances sharing this store will not recognise each other's sessions`,
      });
    }
  }
  // HKDF-SHA256 (RFC 5869), empty salt, 32 bytes: the keys an earlier Gatehouse derived, byte for byte.
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, '', `gatehouse authorize ${purpose}`, 32));
  return { session: derive('session'), csrf: derive('csrf') };
}
