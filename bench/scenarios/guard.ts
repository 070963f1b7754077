// Guard: `tools/call whoami` on the demo through Gatehouse with a JWT (ES256), an opaque token
// and an API key, each against the same demo behind Gatehouse with authMode "off" (Host/Origin
// checks only). "reused": the host sends one token again and again (the normal case);
// "fresh": every request brings a token the guard has not seen (a list larger than its cache).
import { createDemoMcp } from '../../demo/index.js';
import { startGatehouse, type RunningGatehouse } from '../../src/app/start.js';
import { parseConfig } from '../../src/config/load.js';
import { hashSecret, newId, newSecret } from '../../src/crypto/hash.js';
import { generateApiKey } from '../../src/resource/verifiers/api-keys.js';
import { OPAQUE_ACCESS_PREFIX } from '../../src/token/issue/access-token.js';
import { ISSUER, mintJwt, signingKey } from '../../test/resource/helpers.js';
import type { LoadSpec } from '../lib/load.js';
import { measureBesideBaseline, pairedRatio, type Target } from '../lib/rounds.js';
import type { Log, Row, ScenarioResult } from '../lib/scenario.js';
import { MCP_CALL_BODY, MCP_CALL_HEADERS, MCP_PROTOCOL } from './mcp-call.js';

const CONNECTIONS = 32;
const WARMUP_SECONDS = 1;
const ROUND_SECONDS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** More distinct tokens than the verified-token cache holds (10,000 by default): none is ever a hit. */
const FRESH_TOKENS = 12_000;
const AA_TARGET = 'authMode off, a second server (A/A)';

const start = (config: Record<string, unknown>) =>
  startGatehouse({ config: parseConfig({ logLevel: 'silent', server: { host: '127.0.0.1', port: 0 }, store: { url: 'memory' }, ...config }), mcp: createDemoMcp });

function mcpTarget(name: string, server: RunningGatehouse, tokens?: string[]): Target {
  const url = new URL(server.mcpUrl);
  return {
    name,
    spec: (round): LoadSpec => ({
      origin: url.origin,
      connections: CONNECTIONS,
      durationSeconds: round < 0 ? WARMUP_SECONDS : ROUND_SECONDS,
      plan: { plan: 'mcp-call', data: { path: url.pathname, headers: MCP_CALL_HEADERS, body: MCP_CALL_BODY, ...(tokens && { tokens }) } },
    }),
  };
}

export async function guardScenario(log: Log): Promise<ScenarioResult> {
  const key = await signingKey();
  const apiKey = generateApiKey('bench', []);
  const off = await start({ authMode: 'off' });
  // An A/A row: a second auth-off server, measured as a target is, shows this run's noise floor.
  const offAgain = await start({ authMode: 'off' });
  const jwtAndKeys = await start({
    authorizationServer: { enabled: false },
    resource: { jwt: { issuer: ISSUER, jwks: { keys: [key.publicJwk] }, algorithms: ['ES256'] }, apiKeys: [apiKey.entry] },
  });
  const opaque = await start({ authorizationServer: { tokens: { accessTokenFormat: 'opaque' } } });
  try {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const jwts = await Promise.all(Array.from({ length: FRESH_TOKENS }, (_, i) => mintJwt(key, jwtAndKeys.mcpUrl, { sub: `user-${i % 50}`, exp })));
    // Opaque tokens saved as the token endpoint saves them (digest → record), like the token tests' fixtures.
    const opaqueTokens: string[] = [];
    for (let i = 0; i < FRESH_TOKENS; i++) {
      const token = newSecret(OPAQUE_ACCESS_PREFIX);
      const now = Date.now();
      await opaque.store.saveAccessToken(hashSecret(token), {
        grantId: newId(), clientId: 'bench-client', userId: `user-${i % 50}`, scopes: [], resource: opaque.mcpUrl, issuedAt: now, expiresAt: now + 3_600_000,
      });
      opaqueTokens.push(token);
    }
    const baselineTarget = mcpTarget('authMode off (baseline)', off);
    const targets = [
      mcpTarget('JWT ES256, reused', jwtAndKeys, [jwts[0]!]),
      mcpTarget('JWT ES256, fresh each request', jwtAndKeys, jwts),
      mcpTarget('opaque (co-hosted AS), reused', opaque, [opaqueTokens[0]!]),
      mcpTarget('opaque (co-hosted AS), fresh each request', opaque, opaqueTokens),
      mcpTarget('API key', jwtAndKeys, [apiKey.key]),
      mcpTarget(AA_TARGET, offAgain),
    ];
    const measured = await measureBesideBaseline(baselineTarget, targets, ROUNDS, log);
    const baseline = measured.get(baselineTarget.name)!;
    const rows: Row[] = [...measured.values()].map((m, i) => ({
      scenario: 'guard: tools/call',
      target: m.name,
      value: m.perSecond,
      unit: 'req/s',
      ...(i > 0 && {
        baseline: { name: 'authMode off', value: baseline.perSecond, ratio: pairedRatio(m, baseline) },
      }),
      ...(i > 0 && m.name !== AA_TARGET && { goal: { kind: 'ratio-at-least' as const, value: m.name.includes('fresh') ? 0.8 : 0.95 } }),
      latency: { p50: m.latencyP50, p99: m.latencyP99 },
      checked: m.checked,
    }));
    return {
      rows,
      notes: [
        `**Guard.** \`tools/call whoami\` (${MCP_PROTOCOL}, stateless) on the demo behind Gatehouse, ${CONNECTIONS} keep-alive connections, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s, each after a warm-up of ${WARMUP_SECONDS} s and on a quiet machine (cores under 10 % busy), median round. A round of auth-off runs between every two rounds of the run (off, JWT reused, off, JWT fresh, off, …): each ratio is the median of the per-round ratios (target ÷ the mean of the auth-off rounds on either side of it), and the auth-off figure is the median of all its rounds. The A/A row is a second auth-off server measured as the targets are: how far from 1.00 an identical server reads in this run. ` +
          'Every answer must be HTTP 200 with a JSON-RPC tool result (not an error, not `isError`). ' +
          `JWTs are ES256 of an external issuer (inline JWKS); opaque tokens belong to the co-hosted authorization server (memory store), saved by digest as the token endpoint saves them; the API key is a \`ghk_\` key from \`generateApiKey\`. "Fresh" cycles through ${FRESH_TOKENS.toLocaleString('en-US')} distinct tokens, more than the verified-token cache keeps (10,000), so every verification is paid in full.`,
      ],
    };
  } finally {
    await Promise.all([off.close(), offAgain.close(), jwtAndKeys.close(), opaque.close()]);
  }
}
