import type { ClientsConfig } from '../../config/sections/clients.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Logger } from '../../log/logger.js';
import type { ClientStore } from '../../store/contract.js';
import { toClientRecord } from '../client-metadata.js';
import type { ResolvedClient } from '../contract.js';
import { MetadataProblem } from '../metadata-checks.js';
import { cacheDocument, cacheLifetimeSeconds, readCachedDocument } from './cache.js';
import { validateMetadataDocument } from './document-validation.js';
import { safeFetchJson, SafeFetchError } from './safe-fetch.js';
import { parseClientIdUrl } from './url-rules.js';

export interface DocumentResolverDeps {
  options: ClientsConfig['cimd'];
  store: ClientStore;
  logger: Logger;
  now: () => number;
  /** Whether loopback targets are allowed (`serverIsOnLoopback`). */
  allowLoopback: boolean;
  /** Extra trusted CA certificates for the fetch (tests). */
  ca?: readonly string[];
}

/**
 * A client whose id is a metadata document URL: URL rules → cache → safe fetch → validation →
 * cache. Any failure is `invalid_client` with a description saying what was wrong; nothing
 * failed is cached.
 */
export async function resolveMetadataDocument(clientId: string, deps: DocumentResolverDeps): Promise<ResolvedClient> {
  const { url, development } = parseClientIdUrl(clientId, deps.options.allowHttpLocalhost);
  const cached = await readCachedDocument(deps.store, clientId);
  if (cached) return { record: cached, development };

  const fail = (why: string, cause: unknown): never => {
    deps.logger.info('cimd_refused', { clientId, reason: why });
    throw new OAuthError('invalid_client', `The client metadata document at ${clientId} ${why}.`, { cause });
  };
  const started = deps.now();
  let fetched;
  try {
    fetched = await safeFetchJson(url, {
      timeoutMs: deps.options.fetchTimeoutMs,
      maxBytes: deps.options.maxBytes,
      allowLoopback: deps.allowLoopback,
      ...(deps.ca && { ca: deps.ca }),
    });
  } catch (error) {
    return fail(`could not be fetched: ${error instanceof SafeFetchError ? error.message : 'the request failed'}`, error);
  }
  let document: unknown;
  try {
    document = JSON.parse(fetched.body);
  } catch (error) {
    return fail('is not valid JSON', error);
  }
  let record;
  try {
    record = toClientRecord(clientId, 'cimd', validateMetadataDocument(clientId, document), { createdAt: deps.now() });
  } catch (error) {
    if (error instanceof MetadataProblem) return fail(`is not acceptable: ${error.message}`, error);
    throw error;
  }
  const seconds = cacheLifetimeSeconds(fetched.headers, deps.now(), {
    minSeconds: deps.options.cacheMinTtlSeconds,
    maxSeconds: deps.options.cacheMaxTtlSeconds,
  });
  await cacheDocument(deps.store, record, seconds, deps.now());
  deps.logger.info('cimd_fetched', { clientId, ms: deps.now() - started, cacheSeconds: seconds });
  return { record: seconds > 0 ? { ...record, expiresAt: deps.now() + seconds * 1000 } : record, development };
}
