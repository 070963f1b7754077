import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startTestGatehouse } from '../helpers/gatehouse.js';
import { ensureConformanceInstalled, runServerConformance } from './run-conformance.js';

// The suite cannot send a token, so the demo runs behind Gatehouse in auth-off mode (loopback
// only); Host/Origin validation stays on, which the `dns-rebinding-protection` scenario checks.
test('the demo MCP server behind Gatehouse (auth off) passes every active server scenario of the MCP conformance suite', { timeout: 10 * 60_000 }, async (t) => {
  await ensureConformanceInstalled();
  const gatehouse = await startTestGatehouse({ authMode: 'off' });
  const outputDir = mkdtempSync(join(tmpdir(), 'gatehouse-conformance-'));
  t.after(async () => {
    await gatehouse.close();
    rmSync(outputDir, { recursive: true, force: true });
  });

  const run = await runServerConformance(gatehouse.mcpUrl, outputDir);

  const failures = run.scenarios.flatMap(({ scenario, checks }) =>
    checks.filter((c) => c.status === 'FAILURE').map((c) => `${scenario} › ${c.name}: ${c.errorMessage ?? c.description}`),
  );
  assert.deepEqual(failures, [], `failing conformance checks:\n${failures.join('\n')}`);
  assert.ok(run.announced > 0, `the suite announced no scenarios:\n${run.output.slice(-2000)}`);
  assert.equal(run.scenarios.length, run.announced, `scenarios without results:\n${run.output.slice(-2000)}`);
  assert.equal(run.exitCode, 0, `the suite exited ${run.exitCode}:\n${run.output.slice(-2000)}`);
  t.diagnostic(`${run.scenarios.length} scenarios, ${run.scenarios.reduce((n, s) => n + s.checks.filter((c) => c.status === 'SUCCESS').length, 0)} checks passed`);
});
