import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { hashSecret } from '../../src/crypto/hash.js';
import { startTestGatehouse } from '../helpers/gatehouse.js';

let gatehouse: RunningGatehouse;
let ipCounter = 0;

before(async () => {
  gatehouse = await startTestGatehouse({
    server: { trustProxy: true },
    authorizationServer: { clients: { dcr: { rateLimit: { max: 3, windowSeconds: 600 } } } },
  });
});
after(() => gatehouse.close());

/** Each call comes from its own address (trusted X-Forwarded-For), so rate limits never mix. */
function register(body: unknown, options: { ip?: string; contentType?: string; raw?: string } = {}): Promise<Response> {
  ipCounter += 1;
  return fetch(`${gatehouse.url}/register`, {
    method: 'POST',
    headers: { 'Content-Type': options.contentType ?? 'application/json', 'X-Forwarded-For': options.ip ?? `203.0.113.${ipCounter}` },
    body: options.raw ?? JSON.stringify(body),
  });
}

async function expectError(response: Response, status: number, code: string, pattern?: RegExp): Promise<void> {
  const body = (await response.json()) as { error: string; error_description: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.error, code);
  if (pattern) assert.match(body.error_description, pattern);
}

describe('DCR: successful registrations', () => {
  test('a public native client gets a generated id that is never a URL, and no secret', async () => {
    const response = await register({ client_name: 'Host', redirect_uris: ['http://127.0.0.1:33418/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as Record<string, unknown>;
    assert.match(String(body.client_id), /^dcr_[A-Za-z0-9_-]{22}$/);
    assert.ok(!String(body.client_id).startsWith('https://'));
    assert.equal(body.client_secret, undefined);
    assert.equal(typeof body.client_id_issued_at, 'number');
    assert.equal(body.application_type, 'native');
    assert.deepEqual(body.redirect_uris, ['http://127.0.0.1:33418/callback']);
    const record = await gatehouse.store.getClient(String(body.client_id));
    assert.equal(record?.kind, 'dcr');
    assert.ok(record?.expiresAt, 'an unused registration expires');
  });

  test('a confidential client (the RFC 7591 default method) gets a secret, stored only as its hash', async () => {
    const response = await register({ redirect_uris: ['https://app.example/cb'] });
    assert.equal(response.status, 201);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.token_endpoint_auth_method, 'client_secret_basic');
    assert.equal(body.client_secret_expires_at, 0);
    const secret = String(body.client_secret);
    assert.ok(secret.length >= 43);
    const record = await gatehouse.store.getClient(String(body.client_id));
    assert.equal(record?.secretHash, hashSecret(secret));
    assert.ok(!JSON.stringify(record).includes(secret), 'the plain secret is nowhere in the store');
  });

  test('a native client may use a private-use scheme', async () => {
    const response = await register({ application_type: 'native', redirect_uris: ['com.example.app:/oauth'], token_endpoint_auth_method: 'none' });
    assert.equal(response.status, 201);
  });
});

describe('DCR: refused registrations', () => {
  const redirectCases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['javascript: redirect', { redirect_uris: ['javascript:alert(1)'] }, /forbidden scheme javascript:/],
    ['data: redirect', { redirect_uris: ['data:text/html,hi'] }, /forbidden scheme data:/],
    ['non-loopback http redirect', { redirect_uris: ['http://app.example/cb'] }, /not loopback/],
    ['redirect with a fragment', { redirect_uris: ['https://app.example/cb#x'] }, /fragment/],
    ['web client with a loopback redirect', { application_type: 'web', redirect_uris: ['http://localhost:8080/cb'] }, /only native clients/],
    ['web client with a private-use scheme', { application_type: 'web', redirect_uris: ['com.example.app:/cb'] }, /only native clients/],
    ['no redirect_uris', {}, /redirect_uris/],
    ['redirect_uris not an array', { redirect_uris: 'https://app.example/cb' }, /redirect_uris/],
  ];
  for (const [name, body, pattern] of redirectCases) {
    test(name, async () => expectError(await register({ token_endpoint_auth_method: 'none', ...body }), 400, 'invalid_redirect_uri', pattern));
  }

  const metadataCases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['unsupported auth method', { token_endpoint_auth_method: 'client_secret_jwt' }, /not supported/],
    ['implicit grant', { grant_types: ['implicit'] }, /"implicit" is not supported/],
    ['no authorization_code grant', { grant_types: ['refresh_token'] }, /must include authorization_code/],
    ['token response type', { response_types: ['token'] }, /may only contain "code"/],
    ['private_key_jwt without keys', { token_endpoint_auth_method: 'private_key_jwt' }, /needs jwks or jwks_uri/],
    ['javascript: client_uri', { client_uri: 'javascript:alert(1)' }, /client_uri/],
    ['bad application_type', { application_type: 'desktop' }, /application_type/],
    ['a client_name with a right-to-left override', { client_name: 'Evil \u202Eppa detsurT' }, /client_name.*bidirectional/],
  ];
  for (const [name, body, pattern] of metadataCases) {
    test(name, async () =>
      expectError(await register({ token_endpoint_auth_method: 'none', redirect_uris: ['https://app.example/cb'], ...body }), 400, 'invalid_client_metadata', pattern),
    );
  }

  test('malformed JSON', async () => expectError(await register(undefined, { raw: '{"redirect_uris": [' }), 400, 'invalid_client_metadata', /not valid JSON/));
  test('an oversized body is refused before it is buffered, declared or streamed', async () => {
    const big = JSON.stringify({ redirect_uris: ['https://app.example/cb'], pad: 'x'.repeat(1024 * 1024) });
    await expectError(await register(undefined, { raw: big }), 413, 'invalid_client_metadata', /larger than/);
    const chunks = [big.slice(0, 1000), big.slice(1000)];
    const streamed = await fetch(`${gatehouse.url}/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.250' },
      body: new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(new TextEncoder().encode(chunks.shift())) : c.close()) }),
      duplex: 'half',
    } as RequestInit);
    await expectError(streamed, 413, 'invalid_client_metadata', /larger than/);
  });
  test('a JSON array', async () => expectError(await register([]), 400, 'invalid_client_metadata', /JSON object/));
  test('a form body', async () =>
    expectError(await register(undefined, { raw: 'redirect_uris=x', contentType: 'application/x-www-form-urlencoded' }), 400, 'invalid_client_metadata', /must be JSON/));

  test('GET is not a registration', async () => {
    const response = await fetch(`${gatehouse.url}/register`);
    assert.equal(response.headers.get('allow'), 'POST');
    await expectError(response, 405, 'method_not_allowed');
  });
});

describe('DCR: rate limit per client address', () => {
  test('the fourth registration from one address in the window is refused with Retry-After; others are not', async () => {
    const ip = '198.51.100.77';
    const good = { redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none' };
    for (let i = 0; i < 3; i += 1) assert.equal((await register(good, { ip })).status, 201);
    const limited = await register(good, { ip });
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    await expectError(limited, 429, 'rate_limited');
    assert.equal((await register(good, { ip: '198.51.100.78' })).status, 201);
  });
});

describe('DCR disabled', () => {
  test('/register is not served', async () => {
    const off = await startTestGatehouse({ authorizationServer: { clients: { dcr: { enabled: false } } } });
    try {
      const response = await fetch(`${off.url}/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      await expectError(response, 404, 'not_found');
    } finally {
      await off.close();
    }
  });
});
