import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { jwtVerify, SignJWT } from 'jose';
import type { AppDeps } from '../app/deps.js';
import { newId } from '../crypto/hash.js';

/**
 * The browser session: a signed (HS256 JWS), short-lived cookie. Before sign-in it only carries
 * a random session id that CSRF tokens are bound to; sign-in replaces it with a new id plus the
 * user (no fixation). Nothing about the session is stored server-side, but a local user's
 * session is checked against the user store on every read.
 */
export interface BrowserSession {
  sid: string;
  user?: { userId: string; displayName: string; provider: string; authTime: number };
}

const TYP = 'gatehouse-session+jwt';

export interface SessionCookies {
  /** `__Host-gatehouse-session` on https (Secure, host-only, path /), `gatehouse-session` on http. */
  readonly name: string;
  read(c: Context): Promise<BrowserSession | undefined>;
  write(c: Context, session: BrowserSession): Promise<void>;
  /** The current session, or a fresh anonymous one (written to the response). */
  ensure(c: Context): Promise<BrowserSession>;
  clear(c: Context): void;
}

export function sessionCookies(deps: AppDeps, key: Uint8Array): SessionCookies {
  const secure = deps.urls.issuer.startsWith('https://');
  const name = secure ? '__Host-gatehouse-session' : 'gatehouse-session';
  const ttl = deps.config.authorizationServer.authorize.sessionTtl;
  const options = { path: '/', httpOnly: true, secure, sameSite: 'Lax' } as const;

  const cookies: SessionCookies = {
    name,
    async read(c) {
      const value = getCookie(c, name);
      if (!value) return undefined;
      try {
        const { payload } = await jwtVerify(value, key, { algorithms: ['HS256'], typ: TYP, currentDate: new Date(deps.now()) });
        if (typeof payload.sid !== 'string') return undefined;
        const user = payload.user as BrowserSession['user'] | undefined;
        // A local user removed since sign-in is signed out at once, not when the cookie expires.
        const gone = user?.provider === 'local' && (await deps.store.getUser(user.userId)) === undefined;
        return { sid: payload.sid, ...(user && !gone ? { user } : {}) };
      } catch {
        return undefined;
      }
    },
    async write(c, session) {
      const now = Math.floor(deps.now() / 1000);
      const jws = await new SignJWT({ ...session })
        .setProtectedHeader({ alg: 'HS256', typ: TYP })
        .setIssuedAt(now)
        .setExpirationTime(now + ttl)
        .sign(key);
      setCookie(c, name, jws, { ...options, maxAge: ttl });
    },
    async ensure(c) {
      const existing = await cookies.read(c);
      if (existing) return existing;
      const fresh = { sid: newId() };
      await cookies.write(c, fresh);
      return fresh;
    },
    clear(c) {
      setCookie(c, name, '', { ...options, maxAge: 0 });
    },
  };
  return cookies;
}
