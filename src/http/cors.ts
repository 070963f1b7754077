import type { MiddlewareHandler } from 'hono';

/** What a page on another origin may send to one endpoint, and read from its answers. */
export interface CorsRules {
  methods: readonly string[];
  /** Request headers beyond the CORS-safelisted ones: only those the endpoint actually reads. */
  allowHeaders: readonly string[];
  /** Response headers a page may read beyond the safelisted ones. */
  exposeHeaders?: readonly string[];
}

/** Chromium honours at most two hours; longer values only mean different behaviour per browser. */
const MAX_AGE_SECONDS = '7200';

/** A CORS preflight: `OPTIONS` from a page (`Origin`) announcing the method it means to use. */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('origin') && request.headers.has('access-control-request-method');
}

/**
 * The 204 answer to an allowed preflight. `allowOrigin` is `*` or the page's own origin; never
 * with `Allow-Credentials`: nothing Gatehouse serves cross-origin is authorised by cookies.
 */
export function preflightResponse(rules: CorsRules, allowOrigin: string): Response {
  const headers = new Headers();
  allow(headers, allowOrigin);
  headers.set('Access-Control-Allow-Methods', rules.methods.join(', '));
  if (rules.allowHeaders.length > 0) headers.set('Access-Control-Allow-Headers', rules.allowHeaders.join(', '));
  headers.set('Access-Control-Max-Age', MAX_AGE_SECONDS);
  return new Response(null, { status: 204, headers });
}

/** The same response, readable by a page of `allowOrigin` (a copy: the original's headers may be immutable). */
export function withCors(response: Response, rules: CorsRules, allowOrigin: string): Response {
  const readable = new Response(response.body, response);
  addCorsHeaders(readable.headers, rules, allowOrigin);
  return readable;
}

/**
 * For endpoints any page may call (`Access-Control-Allow-Origin: *`): answers preflights, and
 * marks every answer readable, errors included (a browser client must read `invalid_grant` or a
 * 429 as much as a token). Mount it before the route's own limits: those still apply to the real
 * request, and their refusals are readable too.
 */
export function anyOriginCors(rules: CorsRules): MiddlewareHandler {
  return async (c, next) => {
    if (isPreflight(c.req.raw)) return preflightResponse(rules, '*');
    await next();
    // Our own routes' responses, so mutable; re-assigning c.res would make Hono merge headers.
    addCorsHeaders(c.res.headers, rules, '*');
  };
}

function addCorsHeaders(headers: Headers, rules: CorsRules, allowOrigin: string): void {
  allow(headers, allowOrigin);
  if (rules.exposeHeaders?.length) headers.set('Access-Control-Expose-Headers', rules.exposeHeaders.join(', '));
}

function allow(headers: Headers, allowOrigin: string): void {
  headers.set('Access-Control-Allow-Origin', allowOrigin);
  if (allowOrigin === '*') return;
  // An answer naming one origin differs per Origin: caches must not hand it to another page.
  const vary = (headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase());
  if (!vary.includes('origin') && !vary.includes('*')) headers.append('Vary', 'Origin');
}
