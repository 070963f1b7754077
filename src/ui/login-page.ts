import { html } from 'hono/html';
import { page, type Markup } from './layout.js';

export interface LoginPageOptions {
  issuerHost: string;
  requestId: string;
  csrf: string;
  /** Who is asking, when the sign-in is for an application (absent for the account page). */
  clientName?: string;
  username?: string;
  error?: string;
  /** Sign-in elsewhere (GitHub, Google...): a button each, leading to `start`. */
  providers?: { label: string; start: URL }[];
}

/**
 * The sign-in form: labelled "Username" and "Password", with a "Sign in" button; above it, one
 * button per upstream provider ("Sign in with GitHub"), each a GET form to that provider's start.
 */
export function loginPage(options: LoginPageOptions): Markup {
  const intro = options.clientName
    ? html`<p class="muted">to continue to <strong>${options.clientName}</strong></p>`
    : html`<p class="muted">to manage the applications you have allowed</p>`;
  const error = options.error ? html`<div class="notice error" role="alert">${options.error}</div>` : '';
  return page({
    title: 'Sign in',
    issuerHost: options.issuerHost,
    body: html`<h1>Sign in</h1>
${intro}
${error}
${(options.providers ?? []).map((p) => providerButton(p))}
<form method="post" action="/authorize/login">
<input type="hidden" name="request" value="${options.requestId}">
<input type="hidden" name="csrf" value="${options.csrf}">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${options.username ?? ''}"${options.username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${options.username ? ' autofocus' : ''}>
<div class="actions"><button type="submit" class="primary">Sign in</button></div>
</form>`,
  });
}

function providerButton(provider: { label: string; start: URL }): Markup {
  const fields = [...provider.start.searchParams].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return html`<form method="get" action="${provider.start.pathname}" class="actions">${fields}<button type="submit" class="primary">${provider.label}</button></form>`;
}
