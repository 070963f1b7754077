// Guard overhead: `tools/call whoami` on the demo MCP server through Gatehouse with ES256 JWT
// verification (a host reusing its token) vs. the same stack with authMode "off" vs. the demo
// served bare. Load comes from a separate process (bench/guard-load.ts). Writes the table into
// bench/RESULTS.md under "## Guard" only.  Run: node --import tsx bench/guard.ts
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { createAdaptorServer } from '@hono/node-server';
import { createDemoMcp } from '../demo/index.js';
import { startGatehouse } from '../src/app/start.js';
import { parseConfig } from '../src/config/load.js';
import { createLogger } from '../src/log/logger.js';
import { openStore } from '../src/store/open-store.js';
import { mintJwt, signingKey, ISSUER } from '../test/resource/helpers.js';

const CONNECTIONS = 32;
const WARMUP_SECONDS = 3;
const ROUND_SECONDS = 5;
const ROUNDS = 5;

const BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: {
    name: 'whoami',
    arguments: {},
    _meta: {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
});
const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'whoami',
};

interface LoadResult {
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  latencyP50: number;
  latencyP99: number;
}

async function load(url: string, headers: Record<string, string>, durationSeconds: number): Promise<LoadResult> {
  const args = JSON.stringify({ url, headers: { ...MCP_HEADERS, ...headers }, body: BODY, connections: CONNECTIONS, durationSeconds });
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', new URL('./guard-load.ts', import.meta.url).pathname, args], {
    maxBuffer: 1 << 20,
  });
  const result = JSON.parse(stdout) as LoadResult;
  const bad = result.non2xx + result.errors + result.timeouts + result.mismatches;
  if (bad > 0 || result.total === 0) throw new Error(`${url}: ${bad} bad answers of ${result.total} (${JSON.stringify(result)})`);
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const logger = createLogger('silent');
const key = await signingKey();

const guarded = await startGatehouse({
  config: parseConfig({
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    store: { url: 'memory' },
    resource: { jwt: { issuer: ISSUER, jwks: { keys: [key.publicJwk] }, algorithms: ['ES256'] } },
  }),
  mcp: createDemoMcp,
});
const open = await startGatehouse({
  config: parseConfig({ logLevel: 'silent', authMode: 'off', server: { host: '127.0.0.1', port: 0 }, store: { url: 'memory' } }),
  mcp: createDemoMcp,
});
const bareStore = await openStore('memory');
const bareDemo = createDemoMcp({ store: bareStore, logger });
const bare = createAdaptorServer({ fetch: (request: Request) => bareDemo.fetch(request) });
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));

const token = await mintJwt(key, guarded.mcpUrl, { sub: 'bench-user', exp: Math.floor(Date.now() / 1000) + 3600 });
const targets: Array<{ name: string; url: string; headers: Record<string, string> }> = [
  { name: 'demo served bare (no Gatehouse)', url: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/mcp`, headers: {} },
  { name: 'Gatehouse, authMode off (Host/Origin only)', url: open.mcpUrl, headers: {} },
  { name: 'Gatehouse, ES256 JWT guard', url: guarded.mcpUrl, headers: { authorization: `Bearer ${token}` } },
];

for (const t of targets) await load(t.url, t.headers, WARMUP_SECONDS);
const rounds = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
    const result = await load(t.url, t.headers, ROUND_SECONDS);
    rounds.get(t.name)!.push(result);
    process.stderr.write(`round ${round + 1} ${t.name}: ${Math.round(result.requestsPerSecond)} req/s\n`);
  }
}

await guarded.close();
await open.close();
await new Promise<void>((r) => bare.close(() => r()));
await bareDemo.close();
await bareStore.close();

const rps = (name: string) => median(rounds.get(name)!.map((r) => r.requestsPerSecond));
const baseline = rps(targets[1]!.name);
const rows = targets.map((t) => {
  const rs = rounds.get(t.name)!;
  const checked = rs.reduce((n, r) => n + r.total, 0);
  return `| ${t.name} | ${Math.round(rps(t.name)).toLocaleString('en-US')} | ${median(rs.map((r) => r.latencyP50))} | ${median(rs.map((r) => r.latencyP99))} | ${(rps(t.name) / baseline).toFixed(2)} | ${checked.toLocaleString('en-US')} |`;
});
const section = [
  '## Guard',
  '',
  `\`node --import tsx bench/guard.ts\` — \`tools/call whoami\` (2026-07-28, stateless) on the demo MCP server; load from a separate process (autocannon), ${CONNECTIONS} keep-alive connections, ${WARMUP_SECONDS} s warm-up per target, then ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s; medians of the rounds. Every response was checked (status 200 and a JSON-RPC result, no error): a single bad answer fails the run. The guarded target verifies an ES256 JWT (issuer, audience, expiry, algorithm allow-list) presented again on every request, as a host does; the verified-token cache makes repeats cheap. 2 cores, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| target | req/s (median) | p50 ms | p99 ms | vs. authMode off | responses checked |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows,
  '',
].join('\n');
process.stdout.write(section);

/** Replaces only the "## Guard" section of bench/RESULTS.md; other sections belong to others. */
const resultsFile = new URL('./RESULTS.md', import.meta.url);
const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\n';
const start = current.search(/^## Guard\s*$/m);
let updated: string;
if (start === -1) {
  updated = current.replace(/\n*$/, '\n\n') + section;
} else {
  const rest = current.slice(start + '## Guard'.length);
  const nextHeading = rest.search(/^## /m);
  updated = current.slice(0, start) + section + (nextHeading === -1 ? '' : '\n' + rest.slice(nextHeading));
}
writeFileSync(resultsFile, updated);
