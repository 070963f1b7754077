import type { Context } from 'hono';
import { OAuthError } from '../errors/oauth-error.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { errorPage, type ErrorPageOptions } from '../ui/error-page.js';
import type { Markup } from '../ui/layout.js';

/**
 * Sends a page. Pages are never framed (clickjacking on Allow), never cached (they carry CSRF
 * tokens), and may submit forms only to this server — plus, for pages whose form ends in a
 * redirect to the client (or to an upstream sign-in), that origin: Chrome applies `form-action`
 * to the redirects that follow a form POST.
 */
export async function sendPage(
  c: Context,
  markup: Markup,
  options: { status?: number; redirectUri?: string; headers?: Record<string, string>; alsoRedirectsTo?: string } = {},
): Promise<Response> {
  const targets = [options.redirectUri, options.alsoRedirectsTo].filter((t): t is string => t !== undefined);
  const formAction = ["'self'", ...targets.flatMap(redirectSource)];
  const csp = `${SECURITY_HEADERS['Content-Security-Policy']}; form-action ${formAction.join(' ')}`;
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...options.headers,
  };
  return c.html(await markup, (options.status ?? 200) as 200, headers);
}

/** A CSP source for where the client's redirect URI points. */
function redirectSource(redirectUri: string): string[] {
  const url = new URL(redirectUri);
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    // CSP host-source has no IPv6 literal form: such a target cannot be listed, so none is.
    return url.hostname.startsWith('[') ? ['*'] : [url.origin];
  }
  return [url.protocol];
}

const PAGE_TEXT: Partial<Record<OAuthError['code'], { title: string; message: string }>> = {
  invalid_client: {
    title: 'Unknown application',
    message: 'The application that sent you here could not be verified, so Gatehouse will not sign you in to it.',
  },
  invalid_request: {
    title: 'This request can’t continue',
    message: 'The application sent an incomplete or unsafe request. Gatehouse cannot send you back to it safely, so it stops here.',
  },
  rate_limited: {
    title: 'Too many requests',
    message: 'Gatehouse received too many sign-in requests from your network. Wait a minute, then start again from the application.',
  },
  server_error: {
    title: 'Something went wrong',
    message: 'Gatehouse hit an unexpected problem. Please try again in a moment.',
  },
};

/** An error page for an `OAuthError` that must not (or cannot) go back to the client. */
export function sendErrorPage(c: Context, issuerHost: string, error: OAuthError): Promise<Response> {
  const text = PAGE_TEXT[error.code] ?? PAGE_TEXT.invalid_request!;
  const status = error.code === 'server_error' ? 500 : error.status === 401 ? 400 : error.status;
  return sendPage(c, errorPage({ issuerHost, ...text, detail: { code: error.code, description: error.description } }), { status, headers: error.headers });
}

/** The fixed-text error pages of the login and consent steps. */
export const FLOW_ERRORS = {
  expired: { status: 400, title: 'This request has expired', message: 'The sign-in request was already used or waited too long. Go back to the application and start again.' },
  forged: { status: 403, title: 'Form not accepted', message: 'This form was not sent from the page Gatehouse showed this browser (or your session ended). Go back to the application and start again.' },
  cookies: { status: 400, title: 'Cookies are needed', message: 'Gatehouse could not find its sign-in cookie. Allow cookies for this site, then start again from the application.' },
} as const satisfies Record<string, Omit<ErrorPageOptions, 'issuerHost'> & { status: number }>;

export function sendFlowError(c: Context, issuerHost: string, which: keyof typeof FLOW_ERRORS): Promise<Response> {
  const { status, ...text } = FLOW_ERRORS[which];
  return sendPage(c, errorPage({ issuerHost, ...text }), { status });
}
