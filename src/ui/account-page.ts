import { html } from 'hono/html';
import { page, type Markup } from './layout.js';

export interface AccountPageOptions {
  issuerHost: string;
  userName: string;
  csrf: string;
  consents: { clientId: string; scopes: string[]; grantedAt: string }[];
  notice?: string;
}

/** The applications a user has allowed, each with a Revoke button, and a Sign out button. */
export function accountPage(o: AccountPageOptions): Markup {
  const notice = o.notice ? html`<div class="notice" role="status">${o.notice}</div>` : '';
  const rows = o.consents.length === 0
    ? html`<p class="muted">You have not allowed any application yet.</p>`
    : html`<table>
<thead><tr><th scope="col">Application</th><th scope="col">Permissions</th><th scope="col">Allowed</th><th scope="col"><span class="muted">Action</span></th></tr></thead>
<tbody>${o.consents.map(
        (c) => html`<tr><td><code>${c.clientId}</code></td><td>${c.scopes.length ? c.scopes.map((s) => html`<code>${s}</code> `) : html`<span class="muted">none</span>`}</td><td>${c.grantedAt}</td>
<td><form method="post" action="/account/revoke"><input type="hidden" name="csrf" value="${o.csrf}"><input type="hidden" name="client_id" value="${c.clientId}"><button type="submit" class="link">Revoke</button></form></td></tr>`,
      )}</tbody></table>`;
  return page({
    title: 'Your account',
    issuerHost: o.issuerHost,
    wide: true,
    body: html`<h1>Allowed applications</h1>
<p class="muted small">Signed in as <strong>${o.userName}</strong>. Revoking an application ends its access now and asks you again next time.</p>
${notice}
${rows}
<form method="post" action="/account/logout"><input type="hidden" name="csrf" value="${o.csrf}"><div class="actions"><button type="submit">Sign out</button></div></form>`,
  });
}
