/**
 * The demo MCP server: conformance tools plus a few real ones that show Gatehouse's auth at work
 * (`whoami`, per-user notes with scopes, elicitation, progress, cancellation, roots).
 * See docs/demo.md.
 */
export { createDemoMcp } from './create-demo-mcp.js';
export type { DemoMcp, DemoMcpOptions } from './create-demo-mcp.js';
export type { LegacySessionOptions } from './legacy-sessions.js';
export { ANONYMOUS_SUBJECT, principalOf } from './principal.js';
export type { Principal } from './principal.js';
export { DEMO_INSTRUCTIONS, DEMO_SERVER_INFO } from './server-factory.js';
export { MY_NOTES_URI, NOTES_READ_SCOPE, NOTES_WRITE_SCOPE } from './notes-view.js';
