import { OAuthError } from '../errors/oauth-error.js';

/**
 * The `WWW-Authenticate: Bearer` challenges of RFC 6750 §3 and RFC 9728 §5.1, in one place so
 * every refusal of `/mcp` advertises the same metadata URL and scope strategy.
 */
export interface ChallengeContext {
  /** The protected resource metadata URL (path-inserted form). */
  resourceMetadata: string;
  /** Scopes asked for when nothing more specific is needed (the minimal set for basic use). */
  defaultScopes: readonly string[];
}

// RFC 6750 §3: error and error_description are %x20-21 / %x23-5B / %x5D-7E; scope tokens are
// the same without space. Anything else would break the quoted-string, so it is replaced.
const DESCRIPTION_UNSAFE = /[^\x20\x21\x23-\x5B\x5D-\x7E]/g;
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function quoted(name: string, value: string): string {
  if (/["\\]/.test(value) || /[^\x20-\x7E]/.test(value)) throw new Error(`${name} cannot be sent in a challenge`);
  return `${name}="${value}"`;
}

/** Builds the header value; each attribute at most once, `error` only when there is one. */
export function bearerChallenge(ctx: ChallengeContext, attrs: { error?: string; description?: string; scopes?: readonly string[] } = {}): string {
  const scopes = (attrs.scopes ?? ctx.defaultScopes).filter((s) => SCOPE_TOKEN.test(s));
  const parts = [quoted('resource_metadata', ctx.resourceMetadata)];
  if (scopes.length > 0) parts.push(quoted('scope', [...new Set(scopes)].join(' ')));
  if (attrs.error) parts.push(quoted('error', attrs.error));
  if (attrs.error && attrs.description) parts.push(quoted('error_description', attrs.description.replace(DESCRIPTION_UNSAFE, ' ')));
  return `Bearer ${parts.join(', ')}`;
}

/** 401 without an `error` attribute: the request carried no Bearer credentials at all. */
export function noCredentials(ctx: ChallengeContext): OAuthError {
  return new OAuthError('invalid_token', 'This resource needs a Bearer access token in the Authorization header.', {
    status: 401,
    headers: { 'WWW-Authenticate': bearerChallenge(ctx) },
  });
}

/** 401 `invalid_token`: the token is unknown, expired, revoked, tampered with or for another resource. */
export function invalidToken(ctx: ChallengeContext, description: string, cause?: unknown): OAuthError {
  return new OAuthError('invalid_token', description, {
    headers: { 'WWW-Authenticate': bearerChallenge(ctx, { error: 'invalid_token', description }) },
    cause,
  });
}

/** 400 `invalid_request`: the request itself is malformed (e.g. an unparseable Authorization header). */
export function invalidRequest(ctx: ChallengeContext, description: string): OAuthError {
  return new OAuthError('invalid_request', description, {
    headers: { 'WWW-Authenticate': bearerChallenge(ctx, { error: 'invalid_request', description }) },
  });
}

/**
 * 403 `insufficient_scope`. Asks for what is needed plus what the token already holds (the MCP
 * spec's recommended strategy), so a client re-authorizing with the challenge's scope does not
 * lose the access it had.
 */
export function insufficientScope(ctx: ChallengeContext, needed: readonly string[], held: readonly string[], description?: string): OAuthError {
  const text = description ?? `This request needs the scope(s): ${needed.join(' ')}.`;
  return new OAuthError('insufficient_scope', text, {
    headers: { 'WWW-Authenticate': bearerChallenge(ctx, { error: 'insufficient_scope', description: text, scopes: [...needed, ...held] }) },
  });
}
