import { parseArgs } from 'node:util';
import { ConfigError } from '../../errors/config-error.js';
import { wantsHelp, type Command } from '../command.js';

export const help = `Usage: gatehouse local <login|logout|status> [--provider NAME] [options]

Signs a local (stdio / MCPB) MCP server's user in to an upstream provider ahead of time, signs
out, or shows who is signed in. Tokens go to the OS keychain (see docs/local.md).

  login     sign in: the browser on a desktop (loopback redirect), a device code on a headless
            or SSH session when the provider offers one, else a pasted redirect address
  logout    delete the saved tokens and revoke them at the provider where it can
  status    who is signed in, until when, and where the tokens are kept

Options:
  --config <file>     the local server's config (default: $GATEHOUSE_LOCAL_CONFIG)
  --provider <name>   which provider (may be left out when the config has only one)
  --account <name>    a second account at the same provider (default: default)
  --path <path>       login only: loopback, device or paste (default: chosen for this session)
  -h, --help          this help
`;

export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(help);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, provider: { type: 'string' }, account: { type: 'string' }, path: { type: 'string' } },
    allowPositionals: true,
  });
  const action = positionals[0];
  if (positionals.length !== 1 || (action !== 'login' && action !== 'logout' && action !== 'status')) {
    throw new ConfigError('local', `expected "gatehouse local login|logout|status", got "${positionals.join(' ')}"`);
  }
  const configPath = values.config ?? env.GATEHOUSE_LOCAL_CONFIG;
  if (!configPath) throw new ConfigError('--config', 'is required (or set GATEHOUSE_LOCAL_CONFIG)');
  // Loaded here, not at the top: the rest of the program never needs the local tier.
  const { runLocalAction } = await import('./local-actions.js');
  return runLocalAction(action, { configPath, provider: values.provider, account: values.account, path: values.path, env });
}

export const localCommand: Command = { name: 'local', summary: 'sign a local (stdio/MCPB) server in to its upstream: login, logout, status', help, run: (argv) => run(argv) };
