// Authorize: one whole CIMD authorization per flow — `GET /authorize` (the client's metadata
// document already cached, the user signed in, consent remembered) → redirect with a code →
// `POST /token` → tokens. The client is a real HTTPS Client ID Metadata Document under a test
// CA (`clients.cimd.extraCaFile`), as in the end-to-end tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoMcp } from '../../demo/index.js';
import { startGatehouse } from '../../src/app/start.js';
import { parseConfig } from '../../src/config/load.js';
import { addTestUser, authorizeThrough, authorizeUrl, Browser, USERNAME } from '../../test/authorize/fixtures/harness.js';
import { startDocumentServer } from '../../test/clients/helpers/document-server.js';
import { makeTestPki } from '../../test/helpers/https-ca.js';
import { measureInterleaved } from '../lib/rounds.js';
import type { Log, ScenarioResult } from '../lib/scenario.js';

const CONNECTIONS = 32;
const WARMUP_SECONDS = 2;
const ROUND_SECONDS = 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REDIRECT_URI = 'http://127.0.0.1/callback';
const SCOPES = ['notes:read', 'notes:write'];

export async function authorizeScenario(log: Log): Promise<ScenarioResult> {
  const pki = makeTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-ca-'));
  writeFileSync(join(dir, 'ca.pem'), pki.caCert);
  const documents = await startDocumentServer(pki);
  documents.route('/client.json', {
    headers: { 'Cache-Control': 'max-age=3600' },
    body: (origin) => JSON.stringify({ client_id: `${origin}/client.json`, client_name: 'Bench host', redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none' }),
  });
  const clientId = `${documents.origin}/client.json`;
  const gh = await startGatehouse({
    config: parseConfig({
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0 },
      store: { url: 'memory' },
      resource: { scopesSupported: SCOPES },
      authorizationServer: {
        // The per-address limits stay on (their store writes are part of the cost) but never trip.
        authorize: { rateLimit: { max: 100_000, windowSeconds: 1 } },
        tokens: { rateLimitPerMinute: 10_000_000 },
        clients: { cimd: { extraCaFile: join(dir, 'ca.pem'), cacheMinTtlSeconds: 3600 } },
      },
    }),
    mcp: createDemoMcp,
  });
  try {
    // Sign in and allow once, as the user would in the browser; every later flow is silent.
    await addTestUser(gh, USERNAME);
    const browser = new Browser();
    const query = { client_id: clientId, redirect_uri: REDIRECT_URI, scope: SCOPES.join(' '), resource: gh.mcpUrl };
    const landed = await authorizeThrough({ gh, base: gh.url, close: () => gh.close() }, browser, authorizeUrl(gh.url, query));
    if (!landed.searchParams.get('code')) throw new Error(`the first authorization did not reach the client: ${landed.href}`);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const authorizePath = '/authorize?' + new URLSearchParams({ response_type: 'code', ...query }).toString();
    const fetchesBefore = documents.hits.get('/client.json') ?? 0;

    const target = {
      name: 'CIMD authorization, /authorize → /token',
      spec: (round: number) => ({
        origin: gh.url, connections: CONNECTIONS, durationSeconds: round < 0 ? WARMUP_SECONDS : ROUND_SECONDS,
        plan: { plan: 'authorize-flow' as const, data: { authorizePath, cookie, redirectUri: REDIRECT_URI, tokenPath: '/token', form: { client_id: clientId, redirect_uri: REDIRECT_URI, resource: gh.mcpUrl } } },
      }),
    };
    const measured = (await measureInterleaved([target], ROUNDS, log)).get(target.name)!;
    const fetches = (documents.hits.get('/client.json') ?? 0) - fetchesBefore;
    // Two requests make one flow.
    return {
      rows: [{
        scenario: 'authorize', target: target.name, value: measured.perSecond / 2, unit: 'flows/s',
        latency: { p50: measured.latencyP50, p99: measured.latencyP99 }, checked: measured.checked,
      }],
      notes: [
        `**Authorize.** A whole authorization per flow: \`GET /authorize\` with the sign-in cookie (client: an HTTPS Client ID Metadata Document under a test CA, already cached; consent for both scopes remembered; fresh PKCE challenge and state each time) → 302 to the client with a code and the same state → \`POST /token\` with the code and verifier → access and refresh token. ${CONNECTIONS} keep-alive connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s, each after a warm-up of ${WARMUP_SECONDS} s; figures are flows per second (half the requests); latency is per request. Every redirect and every token answer was checked. The metadata document was fetched ${fetches} times during the load (cached).`,
      ],
    };
  } finally {
    await gh.close();
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
