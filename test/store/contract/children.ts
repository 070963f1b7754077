import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Starts `node --import tsx <script> <arg>` with piped stdio, as another server process would run. */
export function spawnTsx(script: string, args: string[]): ChildProcess {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
}

/** The child's stdout, line by line. */
export function linesOf(child: ChildProcess): AsyncIterator<string> {
  return createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
}

export async function nextLine(lines: AsyncIterator<string>, what: string): Promise<string> {
  const { value, done } = await lines.next();
  if (done) throw new Error(`child ended before ${what}`);
  return value;
}

/** Waits for a child to exit and fails on a non-zero exit. */
export async function exited(child: ChildProcess): Promise<void> {
  const [code, signal] = child.exitCode !== null ? [child.exitCode, null] : await once(child, 'exit');
  if (code !== 0) throw new Error(`child exited with ${code ?? signal}`);
}
