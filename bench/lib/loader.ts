// The load generator, run as its own process so it never shares the server's event loop:
// autocannon with keep-alive connections and every answer checked by the plan.
// Argument: the path of a JSON file holding a LoadSpec (see load.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LoadResult, LoadSpec } from './load.js';
import { buildRequests } from './plans.js';

interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
let failed = 0;
let firstFailure: string | undefined;
const requests = buildRequests(spec.plan, (why) => {
  failed++;
  firstFailure ??= why;
});
// The rate is answers over the time from the first request to the last answer: autocannon's own
// start/finish are on its 1-second sampling ticks, far too coarse for runs of a fixed amount.
let lastAnswerAt = 0;
for (const request of requests) {
  const check = request.onResponse;
  request.onResponse = (...args) => {
    lastAnswerAt = performance.now();
    check?.(...args);
  };
}
const startedAt = performance.now();
const result = await autocannon({
  url: spec.origin,
  connections: spec.connections,
  pipelining: 1,
  ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationSeconds }),
  requests,
});
const seconds = (lastAnswerAt - startedAt) / 1000;
const output: LoadResult = {
  answered: result.requests.total,
  perSecond: result.requests.total / seconds,
  seconds,
  // Redirects (the authorize step) are right answers; the plans judge every status themselves.
  failed: failed + result.errors + result.timeouts,
  ...(firstFailure !== undefined && { firstFailure }),
  latencyP50: result.latency.p50,
  latencyP99: result.latency.p99,
};
process.stdout.write(JSON.stringify(output));
