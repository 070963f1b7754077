// Process: cold start of the compiled `gatehouse serve` (what `npm start` runs) to its first
// served request, its idle RSS, and its RSS under load. The program is built first
// (`npm run build`), then started as its own process on a SQLite store in a temporary directory.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { generateApiKey } from '../../src/resource/verifiers/api-keys.js';
import { runLoad } from '../lib/load.js';
import { median } from '../lib/results.js';
import type { Log, Row, ScenarioResult } from '../lib/scenario.js';
import { MCP_CALL_BODY, MCP_CALL_HEADERS } from './mcp-call.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/cli/gatehouse.js');
const STARTS = 5;
const LOAD_SECONDS = 10;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) / 1024;
}

interface Served {
  child: ChildProcess;
  origin: string;
  /** From spawn to the first 200 answer, ms. */
  coldStartMs: number;
  stop(): Promise<void>;
}

/** Starts `node dist/cli/gatehouse.js serve` and polls until it serves its resource metadata. */
async function serve(dataDir: string, env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', String(port), '--store', `sqlite:${join(dataDir, 'gatehouse.db')}`], {
    cwd: dataDir,
    env: { ...process.env, GATEHOUSE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gatehouse serve exited with ${child.exitCode} before serving`);
    if (performance.now() - started > 15_000) throw new Error('gatehouse serve did not answer within 15 s');
    const ok = await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(2);
  }
  const coldStartMs = performance.now() - started;
  return { child, origin, coldStartMs, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

export async function processScenario(log: Log): Promise<ScenarioResult> {
  log('  npm run build');
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-serve-'));
  const apiKey = generateApiKey('bench', []);
  const env = { GATEHOUSE_API_KEYS: JSON.stringify([apiKey.entry]) };
  try {
    // The first start creates the store (migrations, signing key, first user); restarts are the common case.
    const first = await serve(dataDir, env);
    await first.stop();
    const starts: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const s = await serve(dataDir, env);
      starts.push(s.coldStartMs);
      await s.stop();
    }
    const s = await serve(dataDir, env);
    try {
      await sleep(2000);
      const idle = rssMb(s.child.pid!);
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(rssMb(s.child.pid!)), 250);
      const load = await runLoad({
        origin: s.origin, connections: 32, durationSeconds: LOAD_SECONDS,
        plan: { plan: 'mcp-call', data: { path: '/mcp', headers: MCP_CALL_HEADERS, body: MCP_CALL_BODY, tokens: [apiKey.key] } },
      }, 'gatehouse serve under load');
      clearInterval(sampler);
      const peak = Math.max(...samples);
      const end = samples.at(-1) ?? NaN;
      log(`  cold start ${starts.map(Math.round).join(', ')} ms; idle ${idle.toFixed(0)} MB; under load peak ${peak.toFixed(0)} MB, end ${end.toFixed(0)} MB, ${Math.round(load.perSecond)} req/s`);
      const rows: Row[] = [
        { scenario: 'process', target: 'cold start to first served request (restart)', value: median(starts), unit: 'ms', goal: { kind: 'at-most', value: 500 } },
        { scenario: 'process', target: 'cold start, first start ever (creates the store)', value: first.coldStartMs, unit: 'ms', goal: { kind: 'at-most', value: 500 } },
        { scenario: 'process', target: 'idle RSS', value: idle, unit: 'MB', goal: { kind: 'at-most', value: 120 } },
        { scenario: 'process', target: `RSS under load, peak (${LOAD_SECONDS} s, ${Math.round(load.perSecond)} req/s tools/call, API key)`, value: peak, unit: 'MB', latency: { p50: load.latencyP50, p99: load.latencyP99 }, checked: load.answered },
        { scenario: 'process', target: 'RSS at the end of the load', value: end, unit: 'MB' },
      ];
      return {
        rows,
        notes: [
          `**Process.** The built program (\`npm run build\`: compiled, and the command bundled by \`scripts/bundle-cli.mjs\`; then \`node dist/cli/gatehouse.js serve\`, as \`npm start\` and the installed \`gatehouse\` command run it) on a SQLite store in a temporary directory, log level warn. Cold start: from spawning the process to the first 200 answer of \`GET /.well-known/oauth-protected-resource/mcp\` (polled every 2 ms); median of ${STARTS} restarts on an existing store, and the very first start, which also migrates the store, generates the signing key and creates the demo user. RSS is read from \`/proc/<pid>/status\` 2 s after start (idle) and every 250 ms during ${LOAD_SECONDS} s of \`tools/call whoami\` with an API key at 32 connections.`,
        ],
      };
    } finally {
      await s.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
