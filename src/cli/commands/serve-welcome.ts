import type { RunningGatehouse } from '../../app/start.js';
import type { Config } from '../../config/schema.js';
import type { DemoCredentials } from '../../users/demo-user.js';

/** What a newcomer needs after `npm start`: where the server is and how a host connects to it. */
export async function printWelcome(running: RunningGatehouse, config: Config, demoUser: DemoCredentials | undefined): Promise<void> {
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
    ...signInLines(config, demoUser),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function signInLines(config: Config, demoUser: DemoCredentials | undefined): string[] {
  if (config.authMode === 'off') return ['Authentication is OFF (loopback only): any local process can call the MCP endpoint.', ''];
  if (config.authMode === 'api-key') return ['Hosts authenticate with an API key: create one with "gatehouse keys generate --help".', ''];
  if (!demoUser) return ['Sign in with a user from "gatehouse users list" (add one with "gatehouse users add <name>").', ''];
  return [
    'A first user was created for you; this password is shown once:',
    `  Username: ${demoUser.username}`,
    `  Password: ${demoUser.password}`,
    'Manage users with "gatehouse users --help".',
    '',
  ];
}
