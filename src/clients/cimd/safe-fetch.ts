import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { addressProblem, type AddressPolicy } from './address-policy.js';

/**
 * A GET for small JSON documents named by someone else (client metadata documents, client JWKS):
 * the host is resolved once, every address is checked against the address policy, and the
 * connection is pinned to those checked addresses, so a DNS answer that changes between the check
 * and the connect (rebinding) cannot send the request elsewhere. Redirects are never followed,
 * only 200 counts, the body is capped while it streams, and the whole exchange has one deadline.
 * TLS verification is always on; `ca` adds trust anchors (tests), it never removes any.
 */
export interface SafeFetchOptions extends AddressPolicy {
  timeoutMs: number;
  maxBytes: number;
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  ca?: readonly string[];
}

export interface SafeFetchResult {
  /** The body, decoded as UTF-8. */
  body: string;
  headers: IncomingHttpHeaders;
}

/** The fetch was refused or failed; `message` is safe to show a client (it names no secret). */
export class SafeFetchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SafeFetchError';
  }
}

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

export async function safeFetchJson(url: URL, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new SafeFetchError(`no complete answer within ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  try {
    const addresses = await resolveChecked(url.hostname, options, controller.signal);
    return await get(url, addresses, options, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason as SafeFetchError;
    throw error instanceof SafeFetchError ? error : new SafeFetchError(`the request failed (${(error as Error).message})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves the host once (all addresses) and refuses if ANY of them is outside the policy. */
async function resolveChecked(hostname: string, policy: AddressPolicy, signal: AbortSignal): Promise<LookupAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const addresses: LookupAddress[] = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        dnsLookup(bare, { all: true, verbatim: true }, (error, found) =>
          error ? reject(new SafeFetchError(`the host ${bare} does not resolve`, { cause: error })) : resolve(found),
        );
      });
  if (addresses.length === 0) throw new SafeFetchError(`the host ${bare} has no address`);
  for (const { address } of addresses) {
    const problem = addressProblem(address, policy);
    if (problem) throw new SafeFetchError(`the host ${bare} resolves to a forbidden address (${problem})`);
  }
  return addresses;
}

/** A `lookup` that only ever answers with the addresses already checked. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

function get(url: URL, addresses: LookupAddress[], options: SafeFetchOptions, signal: AbortSignal): Promise<SafeFetchResult> {
  const secure = url.protocol === 'https:';
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        protocol: url.protocol,
        hostname: bare,
        port: url.port || (secure ? 443 : 80),
        path: url.pathname + url.search,
        method: 'GET',
        headers: { Accept: 'application/json', 'User-Agent': 'Gatehouse (client metadata fetcher)' },
        lookup: pinnedLookup(addresses),
        // A fresh connection per fetch: a pooled socket could belong to another pinned address.
        agent: false,
        signal,
        ...(secure && {
          rejectUnauthorized: true,
          // SNI takes a host name only; for an IP literal the certificate is checked against the IP.
          ...(isIP(bare) === 0 && { servername: bare }),
          ...(options.ca && options.ca.length > 0 && { ca: [...rootCertificates, ...options.ca] }),
        }),
      },
      (res) => readBody(res, options.maxBytes).then(resolve, reject),
    );
    req.on('error', reject);
    req.end();
  });
}

function readBody(res: IncomingMessage, maxBytes: number): Promise<SafeFetchResult> {
  const status = res.statusCode ?? 0;
  const fail = (message: string) => {
    res.destroy();
    return Promise.reject(new SafeFetchError(message));
  };
  if (status >= 300 && status < 400) return fail(`the server answered ${status} (a redirect, which is never followed)`);
  if (status !== 200) return fail(`the server answered ${status}, not 200`);
  const type = res.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type)) return fail(`the content type is ${type ? JSON.stringify(type) : 'missing'}, not application/json`);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return fail(`the document is larger than ${maxBytes} bytes`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        reject(new SafeFetchError(`the document is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new SafeFetchError('the connection closed before the document was complete'));
    });
  });
}
