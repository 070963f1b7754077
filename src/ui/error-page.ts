import { html } from 'hono/html';
import { page, type Markup } from './layout.js';

export interface ErrorPageOptions {
  issuerHost: string;
  title: string;
  /** What went wrong, in words for a person. */
  message: string;
  /** The machine-readable reason (an OAuth error code and its description), shown small. */
  detail?: { code: string; description: string };
}

/**
 * For requests that cannot be sent back to the application (unknown client, unregistered
 * redirect URI) and for expired or forged form posts. Everything shown is escaped.
 */
export function errorPage(options: ErrorPageOptions): Markup {
  const detail = options.detail
    ? html`<p class="small muted">Reason: <code>${options.detail.code}</code> — ${options.detail.description}</p>`
    : '';
  return page({
    title: options.title,
    issuerHost: options.issuerHost,
    body: html`<h1>${options.title}</h1>
<div class="notice error" role="alert"><strong>This request was stopped.</strong>${options.message}</div>
${detail}
<p class="small muted">You can close this window and start again from the application. If this keeps happening, tell whoever runs the application.</p>`,
  });
}
