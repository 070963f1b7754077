import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { startDocumentServer, type DocumentServer } from './helpers/document-server.js';
import { setupResolver } from './helpers/resolver-setup.js';
import { makeTestPki, type TestPki } from '../helpers/https-ca.js';

let pki: TestPki;
let server: DocumentServer;

before(async () => {
  pki = makeTestPki();
  server = await startDocumentServer(pki);
});
after(() => server.close());

let counter = 0;
/** A fresh path per test: concurrent tests never share a document. */
function path(name: string): string {
  counter += 1;
  return `/clients/${name}-${counter}.json`;
}

function documentFor(url: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    client_id: url,
    client_name: 'Example MCP Host',
    redirect_uris: ['http://127.0.0.1/callback', 'https://host.example/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    ...extra,
  });
}

/** Serves `body` (default: a valid document) at a fresh path; returns the client id. */
function serve(name: string, route: Parameters<DocumentServer['route']>[1] = {}, extra: Record<string, unknown> = {}): string {
  const p = path(name);
  const url = server.origin + p;
  server.route(p, { body: documentFor(url, extra), ...route });
  return url;
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof OAuthError, `expected OAuthError, got ${String(error)}`);
    assert.equal(error.code, 'invalid_client');
    assert.match(error.description, pattern);
    return true;
  });
}

const withCa = () => ({ ca: [pki.caCert] });

describe('CIMD: a valid document over real HTTPS', () => {
  test('is fetched, validated and turned into a public client record', async () => {
    const { resolver } = await setupResolver({}, withCa());
    const id = serve('valid');
    const { record, development } = await resolver.resolve(id);
    assert.equal(record.clientId, id);
    assert.equal(record.kind, 'cimd');
    assert.equal(record.clientName, 'Example MCP Host');
    assert.equal(record.tokenEndpointAuthMethod, 'none');
    assert.deepEqual(record.grantTypes, ['authorization_code', 'refresh_token']);
    assert.deepEqual(record.redirectUris, ['http://127.0.0.1/callback', 'https://host.example/callback']);
    assert.equal(development, false);
  });

  test('a private_key_jwt client with jwks is accepted', async () => {
    const { resolver } = await setupResolver({}, withCa());
    const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] };
    const id = serve('pkjwt', {}, { token_endpoint_auth_method: 'private_key_jwt', jwks });
    const { record } = await resolver.resolve(id);
    assert.equal(record.tokenEndpointAuthMethod, 'private_key_jwt');
    assert.deepEqual(record.jwks, jwks);
  });

  test('without the test CA the certificate is not trusted (verification is never off)', async () => {
    const { resolver } = await setupResolver();
    await rejects(resolver.resolve(serve('untrusted')), /could not be fetched/);
  });
});

describe('CIMD: documents that are refused', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['client_id mismatch', { client_id: 'https://elsewhere.example/client.json' }, /does not equal the URL/],
    ['client_secret in the document', { client_secret: 'shh' }, /must not contain client_secret/],
    ['a client_name with a right-to-left override', { client_name: 'Evil \u202Eppa detsurT' }, /client_name.*bidirectional/],
    ['client_secret_expires_at in the document', { client_secret_expires_at: 0 }, /must not contain client_secret_expires_at/],
    ['a shared-secret auth method', { token_endpoint_auth_method: 'client_secret_basic' }, /token_endpoint_auth_method "client_secret_basic" is not supported/],
    ['private_key_jwt without keys', { token_endpoint_auth_method: 'private_key_jwt' }, /private_key_jwt needs jwks or jwks_uri/],
    ['a private key in jwks', { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'EC', d: 'secret' }] } }, /public keys only/],
    ['no client_name', { client_name: undefined }, /client_name/],
    ['no redirect_uris', { redirect_uris: undefined }, /redirect_uris/],
    ['an http redirect on a public host', { redirect_uris: ['http://evil.example/cb'] }, /not loopback/],
    ['a javascript: redirect', { redirect_uris: ['javascript:alert(1)'] }, /forbidden scheme javascript:/],
    ['a redirect with a fragment', { redirect_uris: ['https://host.example/cb#x'] }, /fragment/],
    ['a private-use scheme redirect', { redirect_uris: ['com.example.app:/cb'] }, /private-use scheme/],
    ['a malformed redirect', { redirect_uris: ['not a uri'] }, /not an absolute URI/],
    ['the implicit grant', { grant_types: ['implicit'] }, /"implicit" is not supported/],
    ['a token response type', { response_types: ['token'] }, /response_types may only contain "code"/],
  ];
  for (const [name, extra, pattern] of cases) {
    test(name, async () => {
      const { resolver } = await setupResolver({}, withCa());
      await rejects(resolver.resolve(serve(name.replace(/\W+/g, '-'), {}, extra)), pattern);
    });
  }

  test('a body that is not JSON', async () => {
    const { resolver } = await setupResolver({}, withCa());
    await rejects(resolver.resolve(serve('garbage', { body: '{not json' })), /is not valid JSON/);
  });

  test('a JSON array instead of an object', async () => {
    const { resolver } = await setupResolver({}, withCa());
    await rejects(resolver.resolve(serve('array', { body: '[]' })), /not a JSON object/);
  });
});

describe('CIMD: the fetch itself', () => {
  test('a document over 5 KB is refused while streaming (no Content-Length)', async () => {
    const { resolver } = await setupResolver({}, withCa());
    const id = serve('big', { headers: { 'Transfer-Encoding': 'chunked' } }, { padding: 'x'.repeat(6000) });
    await rejects(resolver.resolve(id), /larger than 5120 bytes/);
  });

  test('a document declaring a length over the cap is refused before reading it', async () => {
    const { resolver } = await setupResolver({}, withCa());
    const p = path('declared');
    const body = documentFor(server.origin + p, { padding: 'x'.repeat(6000) });
    server.route(p, { body, headers: { 'Content-Length': String(Buffer.byteLength(body)) } });
    await rejects(resolver.resolve(server.origin + p), /larger than 5120 bytes/);
  });

  test('a non-200 answer', async () => {
    const { resolver } = await setupResolver({}, withCa());
    await rejects(resolver.resolve(serve('gone', { status: 404 })), /answered 404, not 200/);
    await rejects(resolver.resolve(serve('created', { status: 201 })), /answered 201, not 200/);
  });

  test('a redirect is not followed', async () => {
    const { resolver } = await setupResolver({}, withCa());
    const target = serve('target');
    const id = serve('redirect', { status: 302, headers: { Location: target } });
    await rejects(resolver.resolve(id), /answered 302 \(a redirect, which is never followed\)/);
    assert.equal(server.hits.get(new URL(target).pathname), undefined, 'the redirect target was never requested');
  });

  test('a non-JSON content type', async () => {
    const { resolver } = await setupResolver({}, withCa());
    await rejects(resolver.resolve(serve('html', { headers: { 'Content-Type': 'text/html' } })), /content type is "text\/html"/);
  });

  test('a server that never answers hits the time limit', async () => {
    const { resolver } = await setupResolver({ cimd: { fetchTimeoutMs: 300 } }, withCa());
    const started = Date.now();
    await rejects(resolver.resolve(serve('hang', { hang: true })), /no complete answer within 300 ms/);
    assert.ok(Date.now() - started < 3000);
  });
});

describe('CIMD: SSRF defences refuse before connecting', () => {
  for (const id of ['https://10.0.0.1/x', 'https://[fd00::1]/x', 'https://169.254.169.254/x', 'https://100.64.0.1/x', 'https://[::ffff:c0a8:101]/x', 'https://0.0.0.0/x']) {
    test(`literal ${id}`, async () => {
      const { resolver } = await setupResolver({ cimd: { fetchTimeoutMs: 1000 } }, withCa());
      await rejects(resolver.resolve(id), /resolves to a forbidden address/);
    });
  }

  // These two count connections, so each gets a server of its own: a late socket from an
  // earlier test on the shared server must not be mistaken for one made here.
  test('a host name resolving to loopback while the server is not on loopback', async (t) => {
    const lone = await startDocumentServer(pki);
    t.after(() => lone.close());
    const { resolver } = await setupResolver({}, { ...withCa(), server: { host: '0.0.0.0' }, baseUrl: 'https://as.example.com' });
    const p = path('rebind');
    lone.route(p, { body: documentFor(`https://localhost:${lone.port}${p}`) });
    const id = `https://localhost:${lone.port}${p}`;
    await rejects(resolver.resolve(id), /resolves to a forbidden address \(a loopback address\)/);
    // The client-facing description never tells which address a name resolved to (an oracle
    // for the server's internal DNS).
    await assert.rejects(resolver.resolve(id), (error: OAuthError) => !/127\.0\.0\.1|::1/.test(error.description));
    assert.equal(lone.connections, 0, 'no connection was made');
  });

  test('bound to loopback but public behind a proxy: loopback is still refused', async (t) => {
    const lone = await startDocumentServer(pki);
    t.after(() => lone.close());
    const { resolver } = await setupResolver({}, { ...withCa(), baseUrl: 'https://as.example.com' });
    const p = path('proxied');
    lone.route(p, { body: documentFor(lone.origin + p) });
    await rejects(resolver.resolve(lone.origin + p), /forbidden address \(a loopback address\)/);
    assert.equal(lone.connections, 0, 'no connection was made');
  });

  test('the same host name is fetched when the server itself is on loopback (pinned, SNI by name)', async () => {
    const { resolver } = await setupResolver({}, withCa());
    const p = path('localhost');
    const id = `https://localhost:${server.port}${p}`;
    server.route(p, { body: documentFor(id) });
    assert.equal((await resolver.resolve(id)).record.clientId, id);
  });
});

describe('CIMD: cache', () => {
  test('max-age within bounds is honoured: no refetch until it runs out', async () => {
    const { resolver, clock, store } = await setupResolver({ cimd: { cacheMinTtlSeconds: 60, cacheMaxTtlSeconds: 3600 } }, withCa());
    const id = serve('cached', { headers: { 'Cache-Control': 'max-age=600' } });
    const p = new URL(id).pathname;
    await resolver.resolve(id);
    assert.equal((await store.getClient(id))?.expiresAt, clock.now + 600_000);
    clock.now += 599_000;
    await resolver.resolve(id);
    assert.equal(server.hits.get(p), 1);
    clock.now += 2_000;
    await resolver.resolve(id);
    assert.equal(server.hits.get(p), 2);
  });

  test('lifetimes are clamped to the bounds; no-store gets the lower bound', async () => {
    const { resolver, clock, store } = await setupResolver({ cimd: { cacheMinTtlSeconds: 60, cacheMaxTtlSeconds: 3600 } }, withCa());
    const long = serve('long', { headers: { 'Cache-Control': 'max-age=999999' } });
    const short = serve('short', { headers: { 'Cache-Control': 'max-age=1' } });
    const noStore = serve('nostore', { headers: { 'Cache-Control': 'no-store' } });
    const expires = serve('expires', { headers: { Date: new Date(0).toUTCString(), Expires: new Date(300_000).toUTCString() } });
    for (const id of [long, short, noStore, expires]) await resolver.resolve(id);
    assert.equal((await store.getClient(long))?.expiresAt, clock.now + 3_600_000);
    assert.equal((await store.getClient(short))?.expiresAt, clock.now + 60_000);
    assert.equal((await store.getClient(noStore))?.expiresAt, clock.now + 60_000);
    assert.equal((await store.getClient(expires))?.expiresAt, clock.now + 300_000);
  });

  test('with a lower bound of 0, a no-store document is not kept at all', async () => {
    const { resolver, store } = await setupResolver({ cimd: { cacheMinTtlSeconds: 0 } }, withCa());
    const id = serve('uncached', { headers: { 'Cache-Control': 'no-store' } });
    await resolver.resolve(id);
    assert.equal(await store.getClient(id), undefined);
  });

  test('errors and invalid documents are never cached', async () => {
    const { resolver, store } = await setupResolver({}, withCa());
    const p = path('flaky');
    const id = server.origin + p;
    server.route(p, { status: 500, headers: { 'Cache-Control': 'max-age=3600' } });
    await rejects(resolver.resolve(id), /answered 500/);
    server.route(p, { body: documentFor(id, { client_secret: 'x' }), headers: { 'Cache-Control': 'max-age=3600' } });
    await rejects(resolver.resolve(id), /client_secret/);
    assert.equal(await store.getClient(id), undefined);
    server.route(p, { body: documentFor(id), headers: { 'Cache-Control': 'max-age=3600' } });
    assert.equal((await resolver.resolve(id)).record.clientId, id);
    assert.equal(server.hits.get(p), 3);
  });
});
