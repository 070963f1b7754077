/**
 * Why a tool could not get an upstream token. `reason` says what the user or host must do:
 * - `not_linked`: this user never signed in at that provider (or their link was removed);
 * - `sign_in_again`: the upstream refused the refresh for good; the grant is revoked, so the
 *   host's next MCP call gets a 401 and it signs the user in again;
 * - `unavailable`: the upstream or another instance's refresh did not answer in time (retry).
 */
export class UpstreamTokenUnavailable extends Error {
  constructor(
    readonly provider: string,
    readonly reason: 'not_linked' | 'sign_in_again' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamTokenUnavailable';
  }
}
