import type * as oauth from 'oauth4webapi';

/**
 * One interface for every upstream identity provider (generic OIDC, generic OAuth 2.0, and the
 * presets built on them). Implementations hold the client credentials; nothing here ever sees a
 * Gatehouse token, and nothing returned here ever reaches an MCP client.
 */
export interface UpstreamTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms, when the provider said (`expires_in`). */
  expiresAt?: number;
  scope?: string;
  tokenType: string;
}

/** Who the upstream says signed in. `subject` is stable and unique at this provider. */
export interface UpstreamIdentity {
  subject: string;
  displayName: string;
  email?: string;
}

/** What the start of a sign-in must remember until the callback (kept sealed in the store). */
export interface UpstreamFlowSecrets {
  state: string;
  codeVerifier: string;
  /** OIDC only. */
  nonce?: string;
}

export interface UpstreamProvider {
  /** Route and vault name (`github`, `corp-okta`). */
  readonly name: string;
  /** Button text ("Sign in with GitHub"). */
  readonly label: string;
  /** The upstream's authorization endpoint (pages that redirect there must allow it). */
  authorizationEndpoint(): Promise<string>;
  /** Where the browser goes to sign in at the upstream. */
  authorizationUrl(secrets: UpstreamFlowSecrets, redirectUri: string): Promise<URL>;
  /**
   * Checks the callback (state, `iss` when the upstream sends it, errors), redeems the code with
   * PKCE, validates the ID token (OIDC) and reads who signed in.
   */
  finishSignIn(callback: URL, secrets: UpstreamFlowSecrets, redirectUri: string): Promise<{ tokens: UpstreamTokens; identity: UpstreamIdentity }>;
  /**
   * Reads the tokens and who signed in from a token response oauth4webapi already processed (a
   * code or device-code grant): the ID token's claims for OIDC, the userinfo endpoint otherwise.
   */
  readSignIn(result: oauth.TokenEndpointResponse): Promise<{ tokens: UpstreamTokens; identity: UpstreamIdentity }>;
  /** The provider's metadata (discovered for OIDC): device authorization, revocation, `iss` support. */
  authorizationServer(): Promise<oauth.AuthorizationServer>;
  /** Redeems a refresh token; `UpstreamRefreshRejected` when the upstream says it is dead for good. */
  refresh(refreshToken: string): Promise<UpstreamTokens>;
  /** The userinfo endpoint, for tools that want to ask "who is this" as the user. */
  userinfoEndpoint(): Promise<string | undefined>;
}

/** The upstream refused a refresh for good (`invalid_grant`): the user must sign in again. */
export class UpstreamRefreshRejected extends Error {
  constructor(readonly provider: string, readonly upstreamError: string) {
    super(`${provider} refused the refresh token (${upstreamError})`);
    this.name = 'UpstreamRefreshRejected';
  }
}

/** The upstream answered the callback with an error (denied, unavailable...). */
export class UpstreamAuthorizationError extends Error {
  constructor(readonly provider: string, readonly upstreamError: string) {
    super(`${provider} returned ${upstreamError} to the callback`);
    this.name = 'UpstreamAuthorizationError';
  }
}
