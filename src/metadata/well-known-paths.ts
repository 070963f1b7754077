/**
 * Where clients look for the metadata of `issuer`:
 * - RFC 8414 §3.1: `/.well-known/oauth-authorization-server` inserted before the issuer's path;
 * - RFC 8414 §5 / OIDC: `/.well-known/openid-configuration`, both inserted before the path and
 *   (OIDC Discovery §4) appended after it.
 * For an issuer without a path all of these are root paths. Returned as request paths.
 */
export function metadataPaths(issuer: string): string[] {
  const path = new URL(issuer).pathname.replace(/\/$/, '');
  return [
    ...new Set([
      `/.well-known/oauth-authorization-server${path}`,
      `/.well-known/openid-configuration${path}`,
      `${path}/.well-known/openid-configuration`,
    ]),
  ];
}
