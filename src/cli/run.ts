// The gatehouse command: reads the command name and runs serve, keys or users.
import { ConfigError } from '../errors/config-error.js';
import { wantsHelp, type Command } from './command.js';
import { keysCommand } from './commands/keys.js';
import { localCommand } from './commands/local.js';
import { serveCommand } from './commands/serve.js';
import { usersCommand } from './commands/users.js';

const commands: Command[] = [serveCommand, keysCommand, usersCommand, localCommand];

function usage(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `Usage: gatehouse <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "gatehouse <command> --help" for a command's options.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || (wantsHelp([name]) && rest.length === 0)) {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`gatehouse: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Start-up problems are the user's to fix: say which field, without a stack trace.
    if (error instanceof ConfigError) process.stderr.write(`gatehouse: configuration error: ${error.message}\n`);
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) process.stderr.write(`gatehouse: ${error.message}\n`);
    else process.stderr.write(`gatehouse: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
