import type { UpstreamIdentity, UpstreamTokens } from '../../upstream/providers/types.js';

/** How a sign-in went: loopback redirect, device authorization, or a pasted redirect URL. */
export type SignInPath = 'loopback' | 'device' | 'paste';

export interface SignInResult {
  tokens: UpstreamTokens;
  identity: UpstreamIdentity;
  path: SignInPath;
}

/** Talking to the person. Local stdio servers must keep stdout for MCP: `say` writes to stderr. */
export interface SignInIo {
  say(text: string): void;
  /** Opens the system browser; false when it could not (the URL is printed either way). */
  openBrowser(url: string): Promise<boolean>;
  /** One pasted line, for the paste path; absent without a terminal. */
  readLine?(prompt: string): Promise<string>;
}

/** A sign-in under way: where to send the person, and its outcome. */
export interface PendingSignIn {
  path: SignInPath;
  /** Where the person goes (the authorization URL, or the device verification page). */
  url: string;
  /** Device flow: the code to type when `url` does not carry it. */
  userCode?: string;
  done: Promise<SignInResult>;
  cancel(): void;
}
