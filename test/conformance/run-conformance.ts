import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs the official MCP conformance suite (pinned in tools/conformance, with the Node 22 it
 * needs: the `.bin/conformance` shim would pick the machine's Node 20 and crash). Two versions
 * are pinned: 0.1.16 for the server suite, 0.2.0-alpha (alias `conformance-auth`) for the
 * authorization-server suite, which 0.1.16 does not have.
 */
const RUNNER_DIR = resolve(import.meta.dirname, '../../tools/conformance');
const NODE_22 = join(RUNNER_DIR, 'node_modules/node/bin/node');
const SUITES = {
  server: { entry: join(RUNNER_DIR, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'), resultPrefix: 'server-' },
  authorization: { entry: join(RUNNER_DIR, 'node_modules/conformance-auth/dist/index.js'), resultPrefix: 'authorization-server-' },
} as const;

const installed = () => existsSync(NODE_22) && Object.values(SUITES).every((s) => existsSync(s.entry));
const INSTALL_LOCK = join(RUNNER_DIR, '.install-lock');
const INSTALL_TIMEOUT_MS = 5 * 60_000;

/**
 * Installs tools/conformance from its lockfile when a fresh checkout lacks it. Test files run in
 * parallel and two `npm ci` into one folder wreck each other, so one process installs (holding a
 * lock directory: `mkdir` is atomic) while the others wait for it.
 */
export async function ensureConformanceInstalled(): Promise<void> {
  const giveUpAt = Date.now() + INSTALL_TIMEOUT_MS + 30_000;
  while (!installed()) {
    if (tryLock()) {
      try {
        if (!installed()) await promisify(execFile)('npm', ['ci', '--prefix', RUNNER_DIR, '--no-audit', '--no-fund'], { timeout: INSTALL_TIMEOUT_MS });
      } finally {
        rmSync(INSTALL_LOCK, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > giveUpAt) throw new Error(`another process has held ${INSTALL_LOCK} too long; remove it if no install is running`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(INSTALL_LOCK);
    return true;
  } catch {
    // A lock left by a killed installer (older than any install may take) is taken over.
    const lock = statSync(INSTALL_LOCK, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > INSTALL_TIMEOUT_MS + 60_000) rmSync(INSTALL_LOCK, { recursive: true, force: true });
    return false;
  }
}

export interface ConformanceCheck {
  id: string;
  name: string;
  description: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | string;
  errorMessage?: string;
}

export interface ConformanceRun {
  exitCode: number | null;
  output: string;
  /** How many scenarios the suite said it would run. */
  announced: number;
  /** Results per scenario, read from the suite's `checks.json` files. */
  scenarios: Array<{ scenario: string; checks: ConformanceCheck[] }>;
}

/**
 * Runs one suite command (`server`, `authorization`) with `args`, saving results under
 * `outputDir`. `onOutput` is called with all of stdout and stderr so far, whenever more
 * arrives (a scenario that waits for a person prints the URL to open there).
 */
export async function runConformance(
  command: keyof typeof SUITES,
  args: string[],
  outputDir: string,
  onOutput?: (soFar: string) => void,
): Promise<ConformanceRun> {
  const suite = SUITES[command];
  const child = spawn(NODE_22, [suite.entry, command, ...args, '--output-dir', outputDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    onOutput?.(output);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));

  // "Running active suite (N scenarios)" (server) or "Running test (N scenarios) against …" (authorization).
  const announced = Number(/Running [\w ]+\((\d+) scenarios\)/.exec(output)?.[1] ?? NaN);
  const scenarios = readdirSync(outputDir).map((dir) => ({
    // Directories are named `<prefix><scenario>-<ISO timestamp with - for : and .>`.
    scenario: dir.slice(suite.resultPrefix.length).replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, ''),
    checks: JSON.parse(readFileSync(join(outputDir, dir, 'checks.json'), 'utf8')) as ConformanceCheck[],
  }));
  return { exitCode, output, announced, scenarios };
}

/** Runs `conformance server` (active suite) against `url`. */
export function runServerConformance(url: string, outputDir: string): Promise<ConformanceRun> {
  return runConformance('server', ['--url', url], outputDir);
}
