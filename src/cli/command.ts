/** One `gatehouse <name>` sub-command: its help text and what it does with the rest of argv. */
export interface Command {
  name: string;
  /** One line for `gatehouse --help`. */
  summary: string;
  /** The full `gatehouse <name> --help` text. */
  help: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** True when argv asks for help, so every command answers `--help` the same way. */
export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
