import { html } from 'hono/html';
import { page, type Markup } from './layout.js';

export interface ConsentPageOptions {
  issuerHost: string;
  requestId: string;
  csrf: string;
  /** Who is signed in; absent before an upstream sign-in (then `signInWith` says where it happens). */
  userName?: string;
  /** Consent asked before sending the browser to this provider ("GitHub") to sign in. */
  signInWith?: string;
  /** Where the decision is posted (default `/authorize/consent`). */
  action?: string;
  clientName: string;
  clientIdHost?: string;
  redirectHost: string;
  localhostOnly: boolean;
  development: boolean;
  scopes: { scope: string; description: string }[];
  /** The protected resource the tokens will work at. */
  resource: string;
}

/**
 * The consent page. What a person needs to decide safely comes first and large: who the
 * application claims to be, where its metadata lives (CIMD host) and — most important — where
 * the browser will be sent with the code. Then warnings, the scopes, and Allow / Deny.
 */
export function consentPage(o: ConsentPageOptions): Markup {
  const idHost = o.clientIdHost
    ? html`<div class="fact"><span class="label">Application published by</span><span class="value">${o.clientIdHost}</span></div>`
    : '';
  const development = o.development
    ? html`<div class="notice" role="note"><strong>Development client</strong>This application was admitted by a development setting: its identity has not been checked the way a published application's is.</div>`
    : '';
  const localhost = o.localhostOnly
    ? html`<div class="notice" role="note"><strong>Runs on this computer</strong>This application only receives answers at <code>localhost</code>: allow it only if you started it yourself on this machine.</div>`
    : '';
  const scopes = o.scopes.length > 0
    ? html`<p>It will be able to:</p>
<ul class="scopes">${o.scopes.map((s) => html`<li><span class="what">${s.description}</span><code>${s.scope}</code></li>`)}</ul>`
    : html`<p>It asks for no specific permissions: it will act as you at the resource below, with nothing beyond your basic access.</p>`;
  return page({
    title: `Allow ${o.clientName}?`,
    issuerHost: o.issuerHost,
    body: html`<h1>Allow <span>${o.clientName}</span> to access your account?</h1>
${who(o)}
<div class="fact"><span class="label">You will be sent to</span><span class="value">${o.redirectHost}</span></div>
${idHost}
${development}
${localhost}
${scopes}
<p class="small muted">Access is for <code>${o.resource}</code>. You can take it back later on your account page.</p>
<form method="post" action="${o.action ?? '/authorize/consent'}">
<input type="hidden" name="request" value="${o.requestId}">
<input type="hidden" name="csrf" value="${o.csrf}">
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="allow" class="primary">Allow</button>
</div>
</form>`,
  });
}

function who(o: ConsentPageOptions): Markup | string {
  if (o.userName) return html`<p class="muted small">Signed in as <strong>${o.userName}</strong></p>`;
  if (o.signInWith) return html`<p class="muted small">If you allow it, you will sign in with <strong>${o.signInWith}</strong> next.</p>`;
  return '';
}
