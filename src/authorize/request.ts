/**
 * A fully checked authorization request: what the login and consent steps carry between pages
 * (in the store, as a pending record) and what the code is issued for.
 */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  /** The canonical RFC 8707 resource the tokens will be bound to. */
  resource: string;
  scopes: string[];
  /** What the consent page shows about the client, captured when the request was checked. */
  client: ClientSummary;
}

export interface ClientSummary {
  /** `client_name`, or the client id when the client gave no name. */
  name: string;
  /** The host of an https (CIMD) client id; undefined for opaque (DCR, pre-registered) ids. */
  clientIdHost?: string;
  /** Where the browser will be sent with the code. */
  redirectHost: string;
  /** Every registered redirect URI points at this machine (a native or CLI app, or a test). */
  localhostOnly: boolean;
  /** Admitted only by a development option (an `http://localhost` CIMD client id). */
  development: boolean;
  /** `clientFingerprint` of the metadata the user is shown: a change asks for consent again. */
  fingerprint: string;
}
