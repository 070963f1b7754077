import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createDemoMcp } from '../../demo/index.js';
import { startGatehouse } from '../../src/app/start.js';
import { parseConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log/logger.js';
import { mintJwt, postInitialize, signingKey, ISSUER } from '../resource/helpers.js';

/** A loopback port nobody listens on: bound, then closed, so connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Gatehouse with `resource` settings, its log lines captured. */
async function startLogged(resource: Record<string, unknown>) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const config = parseConfig({ logLevel: 'info', server: { host: '127.0.0.1', port: 0 }, store: { url: 'memory' }, resource });
  const running = await startGatehouse({ config, mcp: createDemoMcp, logger });
  return { running, lines, raw: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}

describe('an issuer or introspection outage is logged for the operator', () => {
  it('introspection endpoint unreachable: 503 to the client, a warning naming the cause, no token in the log', async () => {
    const secretEnv = `GH_TEST_OUTAGE_SECRET_${process.pid}`;
    process.env[secretEnv] = 'outage-secret';
    const port = await closedPort();
    const { running, lines, raw } = await startLogged({
      introspection: { endpoint: `http://127.0.0.1:${port}/introspect`, clientId: 'rs', clientSecretEnv: secretEnv, timeoutMs: 1000 },
    });
    try {
      const token = `opaque-${'x'.repeat(30)}`;
      const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` });
      assert.equal(response.status, 503);
      assert.equal(((await response.json()) as { error: string }).error, 'temporarily_unavailable');
      const warning = lines.find((l) => l.event === 'mcp_verifier_unavailable');
      assert.ok(warning, raw());
      assert.equal(warning.level, 'warn');
      assert.match(String(warning.reason), /introspected/);
      assert.equal(warning.network, 'ECONNREFUSED');
      assert.ok(!raw().includes(token), 'the token never reaches the log');
      assert.ok(!raw().includes('outage-secret'));
    } finally {
      await running.close();
      delete process.env[secretEnv];
    }
  });

  it('issuer keys unreachable (JWKS URI refuses connections): 503 and a warning, no token in the log', async () => {
    const { running, lines, raw } = await startLogged({ jwt: { issuer: ISSUER, jwksUri: `http://127.0.0.1:${await closedPort()}/jwks` } });
    try {
      const token = await mintJwt(await signingKey(), running.mcpUrl);
      const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` });
      assert.equal(response.status, 503);
      await response.body?.cancel();
      const warning = lines.find((l) => l.event === 'mcp_verifier_unavailable');
      assert.ok(warning, raw());
      assert.equal(warning.level, 'warn');
      assert.match(String(warning.reason), /issuer keys/);
      assert.equal(warning.network, 'ECONNREFUSED');
      assert.ok(!raw().includes(token), 'the token never reaches the log');
    } finally {
      await running.close();
    }
  });

  for (const [what, answer] of [
    ['answers 500', (res: import('node:http').ServerResponse) => res.writeHead(500).end('oops')],
    ['answers a broken key set', (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys": 7}')],
  ] as const) {
    it(`issuer keys unavailable (JWKS URI ${what}): 503 and a warning, not 401`, async (t) => {
      const jwks = createServer((_req, res) => answer(res));
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      t.after(() => new Promise<void>((resolve) => jwks.close(() => resolve())));
      const { running, lines, raw } = await startLogged({ jwt: { issuer: ISSUER, jwksUri: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks` } });
      try {
        const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${await mintJwt(await signingKey(), running.mcpUrl)}` });
        assert.equal(response.status, 503);
        await response.body?.cancel();
        assert.ok(lines.find((l) => l.event === 'mcp_verifier_unavailable'), raw());
      } finally {
        await running.close();
      }
    });
  }

  it('ordinary refusals (a bad token) are not logged as outages', async () => {
    const { running, lines } = await startLogged({ jwt: { issuer: ISSUER, jwks: { keys: [(await signingKey()).publicJwk] } } });
    try {
      const response = await postInitialize(running.mcpUrl, { Authorization: 'Bearer not-a-jwt' });
      assert.equal(response.status, 401);
      await response.body?.cancel();
      assert.equal(lines.filter((l) => l.event === 'mcp_verifier_unavailable').length, 0);
    } finally {
      await running.close();
    }
  });
});
