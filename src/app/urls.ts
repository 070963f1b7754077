/**
 * Every URL Gatehouse publishes, derived once from the public base URL so that metadata,
 * challenges and audience checks can never disagree (no trailing-slash drift).
 */
export interface ServerUrls {
  /** `https://host[:port]`, no trailing slash. */
  base: string;
  /** The authorization server's issuer identifier (RFC 8414): the base URL. */
  issuer: string;
  /** The canonical MCP endpoint URL: the RFC 8707 resource / token audience. */
  mcp: string;
  /** Protected resource metadata, path-inserted form (RFC 9728 §3.1). */
  resourceMetadata: string;
  /** Protected resource metadata, root form. */
  resourceMetadataRoot: string;
}

export function serverUrls(base: string, mcpPath: string): ServerUrls {
  const origin = new URL(base);
  if (origin.pathname !== '/' || origin.search || origin.hash) {
    throw new Error(`the public URL must be an origin without path, query or fragment: ${base}`);
  }
  const clean = origin.origin;
  return {
    base: clean,
    issuer: clean,
    mcp: clean + mcpPath,
    resourceMetadata: `${clean}/.well-known/oauth-protected-resource${mcpPath}`,
    resourceMetadataRoot: `${clean}/.well-known/oauth-protected-resource`,
  };
}
