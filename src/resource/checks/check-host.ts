import { validateHostHeader } from '@modelcontextprotocol/server';
import { OAuthError } from '../../errors/oauth-error.js';

/**
 * DNS-rebinding defence: a browser tricked into resolving `evil.example` to this server still
 * sends `Host: evil.example`, which is not ours. Hostnames are compared without the port (the
 * SDK's validator), as the attack changes the name, not the port.
 */
export function checkHost(host: string | null, allowedHostnames: readonly string[]): void {
  const result = validateHostHeader(host, [...allowedHostnames]);
  if (!result.ok) throw new OAuthError('forbidden', `The Host header is not accepted here (${result.errorCode}).`);
}
