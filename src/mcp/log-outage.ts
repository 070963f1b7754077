import { OAuthError } from '../errors/oauth-error.js';
import type { Logger } from '../log/logger.js';

/**
 * Users refused with 503 because the issuer's keys or the introspection endpoint cannot be
 * reached: the operator must see why. Logs what failed and how (library messages and network
 * codes: `ECONNREFUSED`, a timeout), never the request's credentials or the remote's answer.
 */
export function logVerifierOutage(logger: Logger, error: OAuthError): void {
  if (error.code !== 'temporarily_unavailable') return;
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const network = cause?.cause instanceof Error ? (cause.cause as NodeJS.ErrnoException).code : undefined;
  logger.warn('mcp_verifier_unavailable', {
    reason: error.description,
    ...(cause && { failure: cause.name, detail: cause.message }),
    ...(network && { network }),
  });
}
