import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { authorizeUrl, Browser, location, startHarness, type Harness } from './fixtures/harness.js';

/** Every rejection path of the /authorize pipeline, over real HTTP. */
describe('/authorize checks', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const get = (overrides: Record<string, string | null>) => new Browser().get(authorizeUrl(h.base, overrides));

  /** The error redirect's parameters, asserting it went to the client's redirect URI. */
  async function errorRedirect(overrides: Record<string, string | null>, redirect = 'http://127.0.0.1:53123/callback') {
    const state = 'keep-me';
    const response = await get({ state, ...overrides });
    assert.equal(response.status, 302);
    const to = location(response, h.base);
    assert.equal(to.origin + to.pathname, redirect);
    assert.equal(to.searchParams.get('state'), state);
    assert.equal(to.searchParams.get('iss'), h.gh.gatehouse.deps.urls.issuer);
    assert.equal(to.searchParams.get('code'), null);
    return to.searchParams;
  }

  async function errorPage(overrides: Record<string, string | null>) {
    const response = await get(overrides);
    assert.equal(response.headers.get('location'), null, 'an unverifiable request must never redirect');
    assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    return { status: response.status, body: await response.text() };
  }

  it('an oversized form: 413 page, no redirect, and the connection is closed', async () => {
    const response = await fetch(new URL('/authorize', h.base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=x&state=${'a'.repeat(100 * 1024)}`,
    });
    assert.equal(response.status, 413);
    assert.equal(response.headers.get('location'), null);
    assert.equal(response.headers.get('connection'), 'close');
    assert.match(await response.text(), /too large/);
  });

  it('unknown client: an error page, no redirect', async () => {
    const { body } = await errorPage({ client_id: 'nobody' });
    assert.match(body, /Unknown application/);
    assert.match(body, /invalid_client/);
  });

  it('missing client_id: an error page', async () => {
    const { body } = await errorPage({ client_id: null });
    assert.match(body, /no client_id/);
  });

  it('redirect URI not registered: an error page, no Location header', async () => {
    const { body } = await errorPage({ redirect_uri: 'https://evil.example/cb' });
    assert.match(body, /not one this client registered/);
    assert.doesNotMatch(body, /evil\.example/);
  });

  it('redirect URI differing only by a trailing slash or path is refused', async () => {
    await errorPage({ redirect_uri: 'https://app.example.com/cb/' });
    await errorPage({ redirect_uri: 'https://app.example.com/cb/../cb' });
    await errorPage({ redirect_uri: 'http://127.0.0.1:53123/callback/x' });
    await errorPage({ redirect_uri: 'http://localhost:53123/callback' });
  });

  it('redirect URI missing: an error page', async () => {
    await errorPage({ redirect_uri: null });
  });

  it('a repeated client_id or redirect_uri is an error page, never a redirect', async () => {
    const url = authorizeUrl(h.base) + '&redirect_uri=' + encodeURIComponent('https://app.example.com/cb');
    const response = await new Browser().get(url);
    assert.equal(response.headers.get('location'), null);
    assert.equal(response.status, 400);
  });

  it('attacker input on the error page is escaped', async () => {
    const { body } = await errorPage({ client_id: '<script>alert(1)</script>' });
    assert.doesNotMatch(body, /<script>alert/);
  });

  it('loopback redirect URIs match on any port; https ones exactly', async () => {
    for (const redirect of ['http://127.0.0.1:1/callback', 'http://127.0.0.1:65535/callback', 'http://127.0.0.1/callback', 'https://app.example.com/cb']) {
      const response = await get({ redirect_uri: redirect });
      assert.equal(response.status, 302, redirect);
      assert.equal(location(response, h.base).pathname, '/authorize/login', redirect);
    }
    await errorPage({ redirect_uri: 'https://app.example.com:8443/cb' });
  });

  it('response_type other than code: unsupported_response_type to the client', async () => {
    const params = await errorRedirect({ response_type: 'token' });
    assert.equal(params.get('error'), 'unsupported_response_type');
    assert.equal((await errorRedirect({ response_type: null })).get('error'), 'invalid_request');
  });

  it('PKCE missing: invalid_request', async () => {
    const params = await errorRedirect({ code_challenge: null });
    assert.equal(params.get('error'), 'invalid_request');
    assert.match(params.get('error_description')!, /code_challenge/);
  });

  it('PKCE plain, or no method (which means plain): invalid_request', async () => {
    assert.equal((await errorRedirect({ code_challenge_method: 'plain' })).get('error'), 'invalid_request');
    assert.equal((await errorRedirect({ code_challenge_method: null })).get('error'), 'invalid_request');
    assert.equal((await errorRedirect({ code_challenge: 'short' })).get('error'), 'invalid_request');
  });

  it('unknown resource: invalid_target', async () => {
    const params = await errorRedirect({ resource: 'https://other.example/mcp' });
    assert.equal(params.get('error'), 'invalid_target');
    assert.equal((await errorRedirect({ resource: h.gh.mcpUrl + '#frag' })).get('error'), 'invalid_target');
    assert.equal((await errorRedirect({ resource: h.gh.mcpUrl + '/other' })).get('error'), 'invalid_target');
  });

  it('resource in another spelling of this server is accepted (canonical form)', async () => {
    const mcp = new URL(h.gh.mcpUrl);
    for (const resource of [h.gh.mcpUrl, h.gh.mcpUrl + '/', `HTTP://${mcp.host.toUpperCase()}${mcp.pathname}`]) {
      const response = await get({ resource });
      assert.equal(location(response, h.base).pathname, '/authorize/login', resource);
    }
  });

  it('unsupported scope: invalid_scope', async () => {
    assert.equal((await errorRedirect({ scope: 'notes:read admin' })).get('error'), 'invalid_scope');
    assert.equal((await errorRedirect({ scope: 'a"b' })).get('error'), 'invalid_scope');
  });

  it('an over-long state is refused and not echoed', async () => {
    const response = await get({ state: 'x'.repeat(2000) });
    const params = location(response, h.base).searchParams;
    assert.equal(params.get('error'), 'invalid_request');
    assert.equal(params.get('state'), null);
  });

  it('a repeated parameter after the redirect check goes back as invalid_request', async () => {
    const url = authorizeUrl(h.base, { state: 's1' }) + '&scope=notes:write';
    const params = location(await new Browser().get(url), h.base).searchParams;
    assert.equal(params.get('error'), 'invalid_request');
    assert.equal(params.get('state'), 's1');
  });

  it('POST with a form body is accepted like GET', async () => {
    const url = new URL(authorizeUrl(h.base));
    const form = Object.fromEntries(url.searchParams);
    const response = await new Browser().post(new URL('/authorize', h.base).href, form);
    assert.equal(response.status, 302);
    assert.equal(location(response, h.base).pathname, '/authorize/login');
  });

  it('POST with a JSON body is refused on a page', async () => {
    const response = await fetch(new URL('/authorize', h.base), {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: '{}',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
  });
});

/** The same rules for a client whose id is a metadata document URL (a development http one: no TLS needed). */
describe('/authorize with a CIMD client', () => {
  let h: Harness;
  let docs: Server;
  let origin: string;
  before(async () => {
    h = await startHarness({ authorizationServer: { clients: { cimd: { allowHttpLocalhost: true } } } });
    docs = createServer((req, res) => {
      if (req.url === '/broken.json') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ client_id: origin + req.url, client_name: 'Doc host', redirect_uris: ['http://127.0.0.1/cb'] }));
    });
    await new Promise<void>((resolve) => docs.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(docs.address() as AddressInfo).port}`;
  });
  after(async () => {
    docs.close();
    await h.close();
  });

  async function expectPage(overrides: Record<string, string>, pattern: RegExp) {
    const response = await new Browser().get(authorizeUrl(h.base, overrides));
    assert.equal(response.headers.get('location'), null, 'an unverifiable request must never redirect');
    assert.equal(response.status, 400);
    assert.match(await response.text(), pattern);
  }

  it('a redirect_uri the document does not list: an error page, no redirect', async () => {
    await expectPage({ client_id: `${origin}/client.json`, redirect_uri: 'https://evil.example/cb' }, /not one this client registered/);
  });

  it('a document that fails to validate: an error page even with a redirect_uri it would list', async () => {
    await expectPage({ client_id: `${origin}/broken.json`, redirect_uri: 'http://127.0.0.1:4000/cb' }, /not application\/json/);
  });

  it('a listed redirect_uri goes on to sign-in', async () => {
    const response = await new Browser().get(authorizeUrl(h.base, { client_id: `${origin}/client.json`, redirect_uri: 'http://127.0.0.1:4000/cb' }));
    assert.equal(location(response, h.base).pathname, '/authorize/login');
  });
});

describe('/authorize rate limit', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ authorizationServer: { authorize: { rateLimit: { max: 3, windowSeconds: 60 } } } });
  });
  after(() => h.close());

  it('past the per-address limit: a 429 page with Retry-After, before any client is resolved', async () => {
    for (let i = 0; i < 3; i += 1) assert.notEqual((await new Browser().get(authorizeUrl(h.base, {}))).status, 429);
    const limited = await new Browser().get(authorizeUrl(h.base, { client_id: 'https://never-fetched.example/client.json' }));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('location'), null);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.match(await limited.text(), /Too many requests/);
  });
});
