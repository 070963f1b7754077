import type { RunningGatehouse } from '../../app/start.js';
import type { Config } from '../../config/schema.js';

/** What a newcomer needs after `npm start`: where the server is and how a host connects to it. */
export async function printWelcome(running: RunningGatehouse, config: Config): Promise<void> {
  const lines = [
    '',
    `Gatehouse is serving the demo MCP server (store: ${running.store.kind}, auth: ${config.authMode}).`,
    '',
    `  MCP endpoint:   ${running.mcpUrl}`,
    `  Issuer:         ${running.url}`,
    '',
    'Connect a host:',
    `  Claude Code:    claude mcp add --transport http gatehouse-demo ${running.mcpUrl}`,
    `  MCP Inspector:  npx @modelcontextprotocol/inspector  (Transport: Streamable HTTP, URL: ${running.mcpUrl})`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
