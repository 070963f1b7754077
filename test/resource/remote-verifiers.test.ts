import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { startTestGatehouse } from '../helpers/gatehouse.js';
import { ISSUER, challengeAttributes, mintJwt, postInitialize, signingKey, type SigningKey } from './helpers.js';

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; json: unknown }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { status, json } = handler(req, body);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RFC 7662 introspection of opaque tokens', () => {
  const secretEnv = `GH_TEST_INTROSPECTION_SECRET_${process.pid}`;
  const tokens = new Map<string, Record<string, unknown>>();
  const calls: string[] = [];
  let endpoint: { server: Server; url: string };
  let running: RunningGatehouse;

  before(async () => {
    endpoint = await listen((req, body) => {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before Base64, so decode them as an AS does.
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const [id, secret] = basic.split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      if (id !== 'gatehouse-rs' || secret !== 's3cret/') return { status: 401, json: { error: 'invalid_client' } };
      const token = new URLSearchParams(body).get('token') ?? '';
      calls.push(token);
      return { status: 200, json: tokens.get(token) ?? { active: false } };
    });
    process.env[secretEnv] = 's3cret/';
    running = await startTestGatehouse({
      resource: { introspection: { endpoint: `${endpoint.url}/introspect`, clientId: 'gatehouse-rs', clientSecretEnv: secretEnv, cacheSeconds: 1 } },
    });
  });
  after(async () => {
    await running.close();
    endpoint.server.close();
  });

  const count = (token: string) => calls.filter((t) => t === token).length;
  const call = (token: string) => postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` });
  const active = (over: Record<string, unknown> = {}) => ({
    active: true, sub: 'bob', client_id: 'client-o', scope: 'notes:read', aud: running.mcpUrl, exp: Math.floor(Date.now() / 1000) + 300, ...over,
  });

  it('accepts an active token for this resource and reuses the answer', async () => {
    tokens.set('opaque-good', active());
    for (let i = 0; i < 3; i++) {
      const response = await call('opaque-good');
      assert.equal(response.status, 200);
      await response.body?.cancel();
    }
    assert.equal(count('opaque-good'), 1);
  });

  it('refuses inactive tokens and tokens for another audience', async () => {
    tokens.set('opaque-inactive', { active: false });
    tokens.set('opaque-other-aud', active({ aud: 'https://other.example/mcp' }));
    tokens.set('opaque-no-aud', active({ aud: undefined }));
    for (const token of ['opaque-inactive', 'opaque-other-aud', 'opaque-no-aud', 'never-issued']) {
      const response = await call(token);
      assert.equal(response.status, 401, token);
      assert.equal(challengeAttributes(response.headers.get('www-authenticate')).error, 'invalid_token');
    }
  });

  it('never keeps an answer past the token exp', async () => {
    tokens.set('opaque-short', active({ exp: Math.floor(Date.now() / 1000) + 1 }));
    assert.equal((await call('opaque-short')).status, 200);
    tokens.set('opaque-short', { active: false });
    await sleep(2100);
    assert.equal((await call('opaque-short')).status, 401);
    assert.equal(count('opaque-short'), 2);
  });

  it('never keeps an answer longer than cacheSeconds (a revocation is seen)', async () => {
    tokens.set('opaque-revoked-later', active());
    assert.equal((await call('opaque-revoked-later')).status, 200);
    tokens.set('opaque-revoked-later', { active: false });
    await sleep(1100);
    assert.equal((await call('opaque-revoked-later')).status, 401);
  });
});

describe('JWT keys from a JWKS URL', () => {
  let key: SigningKey;
  let jwks: { server: Server; url: string };
  let fetches = 0;
  let running: RunningGatehouse;
  before(async () => {
    key = await signingKey();
    jwks = await listen(() => {
      fetches++;
      return { status: 200, json: { keys: [key.publicJwk] } };
    });
    running = await startTestGatehouse({ resource: { jwt: { issuer: ISSUER, jwksUri: `${jwks.url}/jwks.json` } } });
  });
  after(async () => {
    await running.close();
    jwks.server.close();
  });

  it('fetches the key set once and caches it across tokens', async () => {
    for (const sub of ['a', 'b', 'c']) {
      const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${await mintJwt(key, running.mcpUrl, { sub })}` });
      assert.equal(response.status, 200);
      await response.body?.cancel();
    }
    assert.equal(fetches, 1);
  });

  it('refuses a token whose kid the JWKS does not have', async () => {
    const other = await signingKey();
    const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${await mintJwt(other, running.mcpUrl)}` });
    assert.equal(response.status, 401);
  });
});
