import { parseArgs } from 'node:util';
import { startGatehouse } from '../../app/start.js';
import { loadConfig } from '../../config/load.js';
import { createDemoMcp, NOTES_READ_SCOPE, NOTES_WRITE_SCOPE } from '../../../demo/index.js';
import { createLogger } from '../../log/logger.js';
import { ConfigError } from '../../errors/config-error.js';
import { wantsHelp, type Command } from '../command.js';
import { ensureDemoUser } from '../../users/demo-user.js';
import { printWelcome } from './serve-welcome.js';

const help = `Usage: gatehouse serve [options]

Runs Gatehouse (protected resource + authorization server) in front of the bundled demo MCP server.

Options:
  --config <file>       JSON configuration file (see docs/configuration.md)
  --host <address>      interface to bind (default 127.0.0.1)
  --port <n>            port (default 8787; 0 picks a free one)
  --public-url <url>    the origin clients use, when behind a proxy or TLS terminator
  --store <url>         memory | sqlite:<path> | redis://… | postgres://… (default sqlite:./data/gatehouse.db)
  --auth-mode <mode>    oauth | api-key | off (off: loopback only, for the conformance suite)
  -h, --help            this help

Every option can also come from the config file or a GATEHOUSE_* environment variable
(GATEHOUSE_HOST, GATEHOUSE_PORT, GATEHOUSE_PUBLIC_URL, GATEHOUSE_STORE, GATEHOUSE_AUTH_MODE, ...).
`;

function overridesFrom(values: Record<string, string | undefined>): Record<string, unknown> {
  const server: Record<string, unknown> = {};
  if (values.host !== undefined) server.host = values.host;
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port)) throw new ConfigError('--port', `not a port number: ${values.port}`);
    server.port = port;
  }
  if (values['public-url'] !== undefined) server.publicUrl = values['public-url'];
  const out: Record<string, unknown> = { server };
  if (values.store !== undefined) out.store = { url: values.store };
  if (values['auth-mode'] !== undefined) out.authMode = values['auth-mode'];
  return out;
}

/** The demo's tools ask for these scopes, so the server must offer them unless the config says otherwise. */
const DEMO_DEFAULTS = { resource: { scopesSupported: [NOTES_READ_SCOPE, NOTES_WRITE_SCOPE] } };

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the demo MCP server behind Gatehouse',
  help,
  async run(argv) {
    if (wantsHelp(argv)) {
      process.stdout.write(help);
      return 0;
    }
    const { values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'public-url': { type: 'string' },
        store: { type: 'string' },
        'auth-mode': { type: 'string' },
      },
      strict: true,
    });
    const config = loadConfig({ file: values.config, defaults: DEMO_DEFAULTS, overrides: overridesFrom(values) });
    const logger = createLogger(config.logLevel);
    const running = await startGatehouse({ config, logger, mcp: createDemoMcp });
    const offersLogin = config.authMode === 'oauth' && config.authorizationServer.enabled;
    await printWelcome(running, config, offersLogin ? await ensureDemoUser(running.store) : undefined);
    const stop = async () => {
      await running.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => {});
  },
};
