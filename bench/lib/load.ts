// Runs one load: writes the spec to a file (plans can carry thousands of codes) and starts
// bench/lib/loader.ts in a separate process; any wrong answer fails the whole run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PlanData } from './plans.js';

export interface LoadSpec {
  /** `http://127.0.0.1:port` of the target. */
  origin: string;
  connections: number;
  /** Run for this long… */
  durationSeconds?: number;
  /** …or send exactly this many requests (plans whose items are used once). */
  amount?: number;
  plan: PlanData;
}

export interface LoadResult {
  /** Responses received. */
  answered: number;
  perSecond: number;
  seconds: number;
  /** Wrong answers, connection errors and timeouts. */
  failed: number;
  firstFailure?: string;
  latencyP50: number;
  latencyP99: number;
}

const LOADER = new URL('./loader.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-load-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

export async function runLoad(spec: LoadSpec, label: string): Promise<LoadResult> {
  const file = join(dir, `spec-${runs++}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', LOADER, file], { maxBuffer: 1 << 20 });
  rmSync(file, { force: true });
  const result = JSON.parse(stdout) as LoadResult;
  if (result.failed > 0 || result.answered === 0) {
    throw new Error(`${label}: ${result.failed} wrong answers of ${result.answered}; first: ${result.firstFailure ?? 'none'}`);
  }
  return result;
}
