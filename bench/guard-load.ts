// The load generator for bench/guard.ts, run as its own process so it does not share the
// server's event loop: autocannon with keep-alive connections, every answer checked.
import { createRequire } from 'node:module';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
}
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface LoadArgs {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationSeconds: number;
}

const args = JSON.parse(process.argv[2]!) as LoadArgs;
const result = await autocannon({
  url: args.url,
  method: 'POST',
  headers: args.headers,
  body: args.body,
  connections: args.connections,
  duration: args.durationSeconds,
  pipelining: 1,
  // Counted in `mismatches` unless the body is a JSON-RPC result (not an error) of the tool.
  verifyBody: (body: string) => body.includes('"result":{') && !body.includes('"error":') && !body.includes('"isError":true'),
});
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
  }),
);
