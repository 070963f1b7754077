/**
 * The seam between "who is this person?" and the authorization flow. Local passwords are one
 * provider; upstream providers (GitHub, Google, any OIDC issuer) plug in beside it later. Every
 * provider ends the same way: an `AuthenticatedUser` handed to `completeLogin` (src/authorize),
 * which starts the session and resumes the pending authorization request.
 */
export interface AuthenticatedUser {
  /** The Gatehouse user id (the `sub` of issued tokens). */
  userId: string;
  /** What to call them on pages. */
  displayName: string;
  /** Which provider vouched for them (`local`, `github`, ...). */
  provider: string;
}

/** Checks a username and password typed into Gatehouse's own sign-in form. */
export interface PasswordIdentityProvider {
  kind: 'password';
  name: string;
  /** The user, or undefined for any mismatch (unknown name and wrong password look the same). */
  verify(username: string, password: string): Promise<AuthenticatedUser | undefined>;
}

/**
 * Sends the browser elsewhere to sign in and comes back to a callback route (the upstream room
 * implements these). `begin` returns where to send the browser; the pending request id travels
 * in the provider's own single-use `state`.
 */
export interface RedirectIdentityProvider {
  kind: 'redirect';
  name: string;
  /** Button text on the sign-in page ("Sign in with GitHub"). */
  label: string;
  begin(pendingId: string): Promise<URL>;
}

export type IdentityProvider = PasswordIdentityProvider | RedirectIdentityProvider;
