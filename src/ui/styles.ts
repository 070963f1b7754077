/**
 * The one stylesheet, inlined in every page (the CSP allows inline styles and nothing from
 * elsewhere). System fonts, a neutral palette, light and dark.
 */
export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #f4f5f7; --card: #ffffff; --text: #1d2330; --muted: #5b6478; --line: #dde1e8;
  --accent: #2f5bd3; --accent-text: #ffffff; --warn-bg: #fff6e0; --warn-line: #f0c36d; --warn-text: #6b4a00;
  --danger: #b42318; --danger-bg: #fdecea; --code-bg: #eef1f6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171d; --card: #1d2129; --text: #e6e9ef; --muted: #9aa3b5; --line: #30363f;
    --accent: #6d8ff0; --accent-text: #0d1220; --warn-bg: #3a2f12; --warn-line: #8a6d2a; --warn-text: #f4d58d;
    --danger: #f28b82; --danger-bg: #3b1f1d; --code-bg: #272c36;
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  min-height: 100vh; display: flex; flex-direction: column; align-items: center; padding: 48px 16px;
}
.brand { display: flex; align-items: center; gap: 10px; color: var(--muted); font-size: 14px; margin-bottom: 20px; }
.brand .mark { width: 26px; height: 26px; border-radius: 7px; background: var(--accent); color: var(--accent-text);
  display: inline-flex; align-items: center; justify-content: center; font-weight: 700; font-size: 14px; }
main.card { width: 100%; max-width: 440px; background: var(--card); border: 1px solid var(--line); border-radius: 14px;
  padding: 32px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04), 0 8px 24px rgba(16, 24, 40, 0.06); }
main.card.wide { max-width: 560px; }
h1 { font-size: 22px; line-height: 1.3; margin: 0 0 8px; font-weight: 650; }
p { margin: 0 0 16px; }
.muted { color: var(--muted); }
.small { font-size: 14px; }
.fact { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; margin: 0 0 12px; }
.fact .label { display: block; font-size: 12px; letter-spacing: 0.04em; text-transform: uppercase; color: var(--muted); }
.fact .value { display: block; font-size: 18px; font-weight: 600; word-break: break-all; }
.notice { border-radius: 10px; padding: 12px 14px; margin: 0 0 16px; font-size: 14px; background: var(--warn-bg);
  border: 1px solid var(--warn-line); color: var(--warn-text); }
.notice.error { background: var(--danger-bg); border-color: var(--danger); color: var(--danger); }
.notice strong { display: block; margin-bottom: 2px; }
ul.scopes { list-style: none; padding: 0; margin: 0 0 20px; border: 1px solid var(--line); border-radius: 10px; }
ul.scopes li { padding: 10px 14px; border-top: 1px solid var(--line); }
ul.scopes li:first-child { border-top: 0; }
ul.scopes .what { display: block; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; background: var(--code-bg);
  padding: 1px 6px; border-radius: 5px; overflow-wrap: anywhere; }
label { display: block; font-weight: 600; font-size: 14px; margin: 0 0 6px; }
input[type=text], input[type=password] { width: 100%; font: inherit; padding: 10px 12px; border: 1px solid var(--line);
  border-radius: 8px; background: var(--card); color: var(--text); margin: 0 0 16px; }
input:focus-visible, button:focus-visible { outline: 3px solid color-mix(in srgb, var(--accent) 45%, transparent); outline-offset: 1px; }
.actions { display: flex; gap: 12px; margin-top: 8px; }
button { font: inherit; font-weight: 600; border-radius: 8px; padding: 10px 18px; cursor: pointer; border: 1px solid var(--line);
  background: var(--card); color: var(--text); flex: 1; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button.link { flex: 0 0 auto; padding: 6px 12px; font-size: 14px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; margin: 0 0 16px; }
th, td { text-align: left; padding: 10px 8px; border-top: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; border-top: 0; }
footer { color: var(--muted); font-size: 13px; margin-top: 20px; text-align: center; }
`;
