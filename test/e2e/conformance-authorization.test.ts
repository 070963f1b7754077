import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { authorizeInBrowser, chromiumMissing, launchChromium } from '../helpers/browser.js';
import { ensureConformanceInstalled, runConformance } from '../conformance/run-conformance.js';
import { PASSWORD, startStack, USERNAME } from './fixtures/stack.js';

const CLIENT_ID = 'conformance-suite';

/** A port free right now, for the suite's own callback server (it takes a number, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The official suite's authorization-server scenarios (0.2.0-alpha): RFC 8414 metadata, then an
 * interactive authorization code grant. The suite prints the authorization URL and waits on its
 * own callback server; the test plays the person (Chromium: sign in, Allow). Its client is
 * pre-registered with the loopback redirect URI the suite uses (any port, RFC 8252 §7.3).
 */
test('the MCP conformance suite (authorization) passes against the co-hosted authorization server', { timeout: 5 * 60_000, skip: chromiumMissing }, async (t) => {
  await ensureConformanceInstalled();
  const stack = await startStack({
    authorizationServer: { clients: { preregistered: [{ clientId: CLIENT_ID, clientName: 'MCP conformance suite', redirectUris: ['http://127.0.0.1/callback'] }] } },
  });
  const browser = await launchChromium();
  const outputDir = mkdtempSync(join(tmpdir(), 'gatehouse-conformance-auth-'));
  t.after(async () => {
    await browser.close();
    await stack.close();
    rmSync(outputDir, { recursive: true, force: true });
  });

  const issuer = stack.gh.url;
  const port = await freePort();
  const authorizeLine = new RegExp(`^${issuer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/authorize\\?\\S+$`, 'm');
  let browsing: Promise<URL> | undefined;
  const run = await runConformance(
    'authorization',
    ['--url', issuer, '--client-id', CLIENT_ID, '--resource', stack.gh.mcpUrl, '--port', String(port)],
    outputDir,
    (soFar) => {
      const url = authorizeLine.exec(soFar)?.[0];
      if (url && !browsing) {
        browsing = authorizeInBrowser(browser, url, { username: USERNAME, password: PASSWORD, redirectUri: `http://127.0.0.1:${port}/callback`, callback: 'follow' });
        // A browser failure shows as the suite's own timeout otherwise: keep the real cause.
        browsing.catch((error: Error) => t.diagnostic(`browser: ${error.message}`));
      }
    },
  );

  assert.ok(browsing, `the suite never printed an authorization URL:\n${run.output.slice(-2000)}`);
  const landed = await browsing;
  assert.equal(landed.searchParams.get('iss'), issuer);
  const problems = run.scenarios.flatMap(({ scenario, checks }) =>
    checks.filter((c) => c.status !== 'SUCCESS').map((c) => `${scenario} › ${c.name} [${c.status}]: ${c.errorMessage ?? c.description}`),
  );
  assert.deepEqual(problems, [], `conformance checks not passed:\n${problems.join('\n')}`);
  assert.deepEqual(run.scenarios.map((s) => s.scenario).sort(), ['authorization-code-grant', 'authorization-server-metadata-endpoint']);
  assert.equal(run.scenarios.length, run.announced, `scenarios without results:\n${run.output.slice(-2000)}`);
  assert.equal(run.exitCode, 0, `the suite exited ${run.exitCode}:\n${run.output.slice(-2000)}`);
  t.diagnostic(`${run.scenarios.reduce((n, s) => n + s.checks.length, 0)} checks passed`);
});
