import { validateOriginHeader } from '@modelcontextprotocol/server';
import { OAuthError } from '../../errors/oauth-error.js';

export interface OriginPolicy {
  /** Exact origins (`https://app.example.com`): scheme, host and port must all match. */
  origins: readonly string[];
  /** Hostnames accepted on any port and scheme: the loopback names when the server is local. */
  anyPortHostnames: readonly string[];
}

/**
 * `scheme://host[:port]`, compared exactly. Not the WHATWG `origin`: for a browser extension
 * (`chrome-extension://<id>`) that is the opaque `"null"`, so allowing one extension would allow
 * every extension and custom scheme.
 */
export function originOf(value: string): string {
  const url = new URL(value);
  return `${url.protocol}//${url.host}`;
}

/**
 * A browser page on another origin must not drive `/mcp` (MCP transport security: Origin present
 * and not allowed → 403). Requests without `Origin` come from non-browser clients and pass; the
 * opaque `null` origin and unparseable values are refused (the SDK's deny-on-failure parsing).
 */
export function checkOrigin(origin: string | null, policy: OriginPolicy): void {
  if (origin === null || origin === '') return;
  const parsed = validateOriginHeader(origin, [...policy.anyPortHostnames]);
  if (parsed.ok) return;
  if (parsed.errorCode === 'invalid_origin' && policy.origins.includes(originOf(origin))) return;
  throw new OAuthError('forbidden', 'Requests from this Origin are not accepted.');
}
