import { html, raw } from 'hono/html';
import { STYLES } from './styles.js';

/** Anything `html\`\`` produced (escaped by construction) or a plain value (escaped when interpolated). */
export type Markup = ReturnType<typeof html>;

/**
 * The page shell. Every value interpolated with `html` is HTML-escaped by hono/html; only the
 * stylesheet, a constant, goes in raw.
 */
export function page(options: { title: string; issuerHost: string; body: Markup; wide?: boolean }): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · Gatehouse</title>
<style>${raw(STYLES)}</style>
</head>
<body>
<div class="brand"><span class="mark" aria-hidden="true">G</span><span>Gatehouse · ${options.issuerHost}</span></div>
<main class="card${options.wide ? ' wide' : ''}">
${options.body}
</main>
<footer>Served by ${options.issuerHost}. Only type your password on pages at this address.</footer>
</body>
</html>`;
}
