// Token endpoint: `authorization_code` + PKCE exchanges and `refresh_token` rotations per second
// on Gatehouse with each store backend, against oidc-provider 9.x (in memory) started here in
// the same run. Codes are minted ahead on both sides: for Gatehouse saved in its store as
// `/authorize` saves them (like test/token/ fixtures); for oidc-provider through its models.
import { randomBytes } from 'node:crypto';
import { benchBackends, type Backend } from '../lib/backends.js';
import type { LoadSpec } from '../lib/load.js';
import { measureInterleaved, pairedRatio, type Measured, type Target } from '../lib/rounds.js';
import type { Log, Row, ScenarioResult } from '../lib/scenario.js';
import { OIDC_CLIENT_ID, OIDC_REDIRECT_URI } from './oidc-reference.js';
import { startSystemProcess, type Code, type SystemProcess, type SystemSpec } from '../lib/system-process.js';

const CONNECTIONS = 32;
const WARMUP_REQUESTS = 1000;
const ROUND_REQUESTS = Number(process.env.BENCH_TOKEN_REQUESTS ?? 6000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Refresh-token families per round: more than connections, so one is always free to rotate. */
const FAMILIES = 64;
const CLIENT_ID = 'bench-app';
const REDIRECT_URI = 'http://127.0.0.1/callback';
const SCOPES = ['notes:read', 'notes:write'];

/** One system under test: where its token endpoint is and how codes are minted ahead. */
interface System {
  name: string;
  origin: string;
  form: Record<string, string>;
  mintCodes(count: number): Promise<Code[]>;
}

/** Gatehouse on one store backend, with a public client whose codes the bench mints ahead. */
const gatehouseSpec = (store: Backend['store']): SystemSpec => ({
  kind: 'gatehouse',
  config: {
    store,
    resource: { scopesSupported: SCOPES },
    authorizationServer: {
      // The limit stays on but never trips under the load.
      tokens: { rateLimitPerMinute: 10_000_000 },
      clients: { preregistered: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI], tokenEndpointAuthMethod: 'none' }] },
    },
  },
  codeClient: { clientId: CLIENT_ID, redirectUri: REDIRECT_URI, scopes: SCOPES },
});

function gatehouseSystem(name: string, running: SystemProcess): System {
  return { name, origin: running.origin, form: { client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, resource: running.resource }, mintCodes: running.mintCodes };
}

function oidcSystem(ref: SystemProcess): System {
  return {
    name: 'oidc-provider 9 (memory)',
    origin: ref.origin,
    form: { client_id: OIDC_CLIENT_ID, redirect_uri: OIDC_REDIRECT_URI, resource: ref.resource },
    mintCodes: ref.mintCodes,
  };
}

function exchangeTarget(system: System): Target {
  return {
    name: `code exchange: ${system.name}`,
    async spec(round): Promise<LoadSpec> {
      const codes = await system.mintCodes(round < 0 ? WARMUP_REQUESTS : ROUND_REQUESTS);
      return { origin: system.origin, connections: CONNECTIONS, amount: codes.length, plan: { plan: 'code-exchange', data: { path: '/token', form: system.form, codes } } };
    },
  };
}

/** Each round starts `FAMILIES` token families (code exchanges made here), then rotates them. */
function refreshTarget(system: System): Target {
  return {
    name: `refresh rotation: ${system.name}`,
    async spec(round): Promise<LoadSpec> {
      const tokens = await Promise.all((await system.mintCodes(FAMILIES)).map(async ({ code, verifier }) => {
        const response = await fetch(`${system.origin}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...system.form, grant_type: 'authorization_code', code, code_verifier: verifier }),
        });
        const body = (await response.json()) as { refresh_token?: string };
        if (!body.refresh_token) throw new Error(`${system.name}: no refresh token to start a family: ${JSON.stringify(body)}`);
        return body.refresh_token;
      }));
      const { redirect_uri: _, ...form } = system.form;
      return {
        origin: system.origin, connections: CONNECTIONS, amount: round < 0 ? WARMUP_REQUESTS : ROUND_REQUESTS,
        plan: { plan: 'refresh', data: { path: '/token', form, tokens } },
      };
    },
  };
}

export async function tokenScenario(log: Log): Promise<ScenarioResult> {
  // Shared stores refuse to start without sealing keys common to every instance.
  process.env.GATEHOUSE_SEALING_KEYS ??= `bench:${randomBytes(32).toString('base64url')}`;
  const backends = benchBackends({ sqliteFull: true });
  const started: Array<{ name: string; running: SystemProcess }> = [];
  const unavailable: string[] = [];
  let ref: SystemProcess | undefined;
  try {
    for (const backend of backends) {
      try {
        started.push({ name: backend.name, running: await startSystemProcess(gatehouseSpec(backend.store)) });
      } catch (error) {
        unavailable.push(`${backend.name}: ${(error as Error).message.split('\n')[0]}`);
        log(`  ${backend.name} unavailable: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    ref = await startSystemProcess({ kind: 'oidc-provider', resource: 'http://127.0.0.1/mcp' });
    const systems = [oidcSystem(ref), ...started.map(({ name, running }) => gatehouseSystem(`Gatehouse, ${name}`, running))];
    const rows: Row[] = [];
    for (const [grant, makeTarget] of [['code exchange', exchangeTarget], ['refresh rotation', refreshTarget]] as const) {
      const targets = systems.map(makeTarget);
      const measured = await measureInterleaved(targets, ROUNDS, log);
      const reference = measured.get(targets[0]!.name)!;
      const memory = [...measured.values()].find((m) => m.name.endsWith('Gatehouse, memory'));
      rows.push(...[...measured.values()].map((m) => tokenRow(grant, m, reference, memory)));
    }
    return {
      rows,
      notes: [
        `**Token endpoint.** Public client with PKCE (S256) and a \`resource\` indicator on both sides; both issue an ES256 JWT access token and a refresh token, and rotate the refresh token on use. Each system runs in a process of its own (the load generator in another), so no system's heap or garbage collection slows down another; after each round the bench waits for the disk to flush what that round wrote (\`sync\`), so a SQLite round's writes are not written back during the next target's round. ${CONNECTIONS} keep-alive connections; per target a warm-up of ${WARMUP_REQUESTS} requests, then ${ROUNDS} interleaved rounds of ${ROUND_REQUESTS.toLocaleString('en-US')} requests, each after a warm-up of its own and on a quiet machine (cores under 10 % busy), median round; each ratio is the median of the per-round ratios (target ÷ baseline in the same round). ` +
          'Every answer must be HTTP 200 with an access token and a refresh token. ' +
          'Codes are minted ahead: for Gatehouse saved through its own store by digest, as its `/authorize` saves them (like the `test/token/` fixtures), so on SQLite, Redis and PostgreSQL the instance exchanges them without reading them back, as it does a code its own `/authorize` issued (`src/store/issued-codes.ts`; a code issued by another instance is read, ≈3–7 % slower on SQLite); for oidc-provider through its own models (`Grant` with the resource scopes, then `AuthorizationCode` with the PKCE challenge), as its interaction flow saves them after consent. ' +
          `Rotations run as ${FAMILIES} token families per round, each started by a code exchange, each rotating its current token in turn as a real client does. ` +
          "oidc-provider uses its own in-memory adapter (`MemoryAdapter`) over its own LRU store class, sized 1,000,000 entries instead of the default 1,000 so that codes minted ahead are not evicted before use; its features on: PKCE (required for public clients), resource indicators (JWT access tokens for the resource), refresh rotation. Gatehouse's token rate limit stays on (raised so it never trips): every request is counted in the instance's memory, failures in the store.",
        ...(unavailable.length > 0 ? [`Unavailable backends: ${unavailable.join('; ')}.`] : []),
      ],
    };
  } finally {
    await ref?.close();
    for (const { running } of started) await running.close();
    // A failed cleanup is reported, but does not throw away what was measured.
    for (const backend of backends) await backend.cleanup().catch((error: Error) => log(`  cleanup of ${backend.name} failed: ${error.message}`));
  }
}

function tokenRow(grant: string, m: Measured, reference: Measured, memory: Measured | undefined): Row {
  const base = { scenario: `token: ${grant}`, target: m.name.slice(grant.length + 2), value: m.perSecond, unit: 'req/s', latency: { p50: m.latencyP50, p99: m.latencyP99 }, checked: m.checked };
  if (m === reference) return base;
  const name = m.name.split(', ')[1];
  if (name === 'memory' || name === 'sqlite') {
    return { ...base, baseline: { name: 'oidc-provider', value: reference.perSecond, ratio: pairedRatio(m, reference) }, goal: { kind: 'ratio-at-least', value: 1.5 } };
  }
  if (name?.startsWith('sqlite')) return { ...base, baseline: { name: 'oidc-provider', value: reference.perSecond, ratio: pairedRatio(m, reference) } };
  return memory ? { ...base, baseline: { name: 'Gatehouse, memory', value: memory.perSecond, ratio: pairedRatio(m, memory) } } : base;
}
