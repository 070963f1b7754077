import { McpServer } from '@modelcontextprotocol/server';
import type { McpServerFactory } from '@modelcontextprotocol/server';
import { registerContentTools } from './conformance/content-tools.js';
import { registerInteractiveTools } from './conformance/interactive-tools.js';
import { registerConformancePrompts } from './conformance/prompts.js';
import { registerConformanceResources } from './conformance/resources.js';
import { registerStreamingTools } from './conformance/streaming-tools.js';
import type { DemoDeps } from './deps.js';
import { registerNotesPrompts } from './prompts/notes-prompts.js';
import { registerNotesResource } from './resources/notes-resource.js';
import { registerSubscriptions } from './resources/subscriptions.js';
import { registerCountdown } from './tools/countdown.js';
import { registerListRoots } from './tools/list-roots.js';
import { registerNotesClear } from './tools/notes-clear.js';
import { registerNotesTools } from './tools/notes.js';
import { registerUpstreamWhoami } from './tools/upstream-whoami.js';
import { registerWhoami } from './tools/whoami.js';

export const DEMO_SERVER_INFO = { name: 'gatehouse-demo', version: '0.1.0' };

export const DEMO_INSTRUCTIONS = [
  'Gatehouse demo server. Call `whoami` to see who you are signed in as and which scopes you hold.',
  'Your notebook is private to you: `notes_list` needs scope notes:read; `notes_add` and `notes_clear` need notes:write',
  '(`notes_clear` asks for confirmation, or takes confirm: true). The `notes://me` resource and the `summarize_notes` prompt',
  'show the same notes. `countdown` is a slow tool that reports progress and can be cancelled; `list_roots` shows the',
  "roots your client shares. Tools named test_* exist for the MCP conformance suite. With auth off, everyone is 'anonymous'.",
].join(' ');

/**
 * One factory for both protocol eras: every tool, resource and prompt is defined here once and
 * served to 2026-07-28 requests and 2025-11-25 sessions alike.
 */
export function demoServerFactory(deps: DemoDeps): McpServerFactory {
  return () => {
    const server = new McpServer(DEMO_SERVER_INFO, { instructions: DEMO_INSTRUCTIONS, capabilities: { logging: {} } });
    const subscriptions = registerSubscriptions(server);

    registerContentTools(server);
    registerStreamingTools(server);
    registerInteractiveTools(server);
    registerConformanceResources(server);
    registerConformancePrompts(server);

    registerWhoami(server);
    registerUpstreamWhoami(server);
    registerNotesTools(server, deps, subscriptions);
    registerNotesClear(server, deps, subscriptions);
    registerCountdown(server, deps);
    registerListRoots(server);
    registerNotesResource(server, deps);
    registerNotesPrompts(server, deps);
    return server;
  };
}
