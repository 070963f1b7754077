import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs the official MCP conformance suite (pinned in tools/conformance, with the Node 22 it
 * needs: the `.bin/conformance` shim would pick the machine's Node 20 and crash).
 */
const RUNNER_DIR = resolve(import.meta.dirname, '../../tools/conformance');
const NODE_22 = join(RUNNER_DIR, 'node_modules/node/bin/node');
const SUITE = join(RUNNER_DIR, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

/** Installs tools/conformance from its lockfile when a fresh checkout lacks it. */
export async function ensureConformanceInstalled(): Promise<void> {
  if (existsSync(NODE_22) && existsSync(SUITE)) return;
  await promisify(execFile)('npm', ['ci', '--prefix', RUNNER_DIR, '--no-audit', '--no-fund'], { timeout: 5 * 60_000 });
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

/** Runs `conformance server` (active suite) against `url`, saving results under `outputDir`. */
export async function runServerConformance(url: string, outputDir: string): Promise<ConformanceRun> {
  const child = spawn(NODE_22, [SUITE, 'server', '--url', url, '--output-dir', outputDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));

  const announced = Number(/Running \w+ suite \((\d+) scenarios\)/.exec(output)?.[1] ?? NaN);
  const scenarios = readdirSync(outputDir).map((dir) => ({
    // Directories are named `server-<scenario>-<ISO timestamp with - for : and .>`.
    scenario: dir.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, ''),
    checks: JSON.parse(readFileSync(join(outputDir, dir, 'checks.json'), 'utf8')) as ConformanceCheck[],
  }));
  return { exitCode, output, announced, scenarios };
}
