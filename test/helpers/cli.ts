import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = 'src/cli/main.ts';

/** Which program runs: the source through tsx (default), or a built entry such as the bundle. */
export type CliEntry = { source: true } | { built: string };
const FROM_SOURCE: CliEntry = { source: true };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gatehouse <args>` from source (through tsx) to completion. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, options.env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d));
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gatehouse ${args.join(' ')} did not finish; stdout: ${stdout}; stderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin!.end(options.input ?? '');
  });
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, entry: CliEntry = FROM_SOURCE): ChildProcess {
  return spawn(process.execPath, [...('built' in entry ? [entry.built] : ['--import', 'tsx', MAIN]), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Starts a long-running `gatehouse serve` and resolves once stdout shows `pattern`. */
export function startCli(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}, entry: CliEntry = FROM_SOURCE): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env, entry);
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${pattern} within 30 s; output: ${out}`));
    }, 30_000);
    const onData = (d: Buffer) => {
      out += d;
      const match = out.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gatehouse exited with ${code} before ${pattern}; output: ${out}`));
    });
  });
}
