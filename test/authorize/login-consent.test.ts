import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../../src/crypto/hash.js';
import {
  addTestUser, authorizeThrough, authorizeUrl, Browser, CLIENT_ID, hiddenFields, location, PASSWORD, pkce, startHarness, USERNAME, type Harness,
} from './fixtures/harness.js';

describe('login and consent over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ authorizationServer: { authorize: { loginThrottle: { maxAttempts: 100, windowSeconds: 600 } } } });
  });
  after(() => h.close());
  const at = (path: string) => new URL(path, h.base).href;

  it('happy path: a code with state and iss, redeemable once at /token', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const redirect = 'http://127.0.0.1:50505/callback';
    const done = await authorizeThrough(h, browser, authorizeUrl(h.base, { state: 'abc 123', code_challenge: challenge, redirect_uri: redirect }));
    assert.equal(done.origin + done.pathname, redirect);
    assert.equal(done.searchParams.get('state'), 'abc 123');
    assert.equal(done.searchParams.get('iss'), h.gh.gatehouse.deps.urls.issuer);
    const code = done.searchParams.get('code')!;
    assert.match(code, /^[A-Za-z0-9_-]{43,}$/, 'at least 256 bits');

    const token = await fetch(at('/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: CLIENT_ID, code_verifier: verifier }),
    });
    const body = (await token.json()) as Record<string, unknown>;
    assert.equal(token.status, 200, JSON.stringify(body));
    assert.equal(typeof body.access_token, 'string');
    assert.equal(body.scope, 'notes:read');
  });

  it('the stored code is a digest with a lifetime of at most 60 s', async () => {
    const done = await authorizeThrough(h, new Browser(), authorizeUrl(h.base));
    const code = done.searchParams.get('code')!;
    const now = Date.now();
    const result = await h.gh.store.consumeCode(hashSecret(code), now);
    assert.equal(result.status, 'consumed');
    if (result.status !== 'consumed') return;
    assert.ok(result.record.expiresAt - now <= 60_000);
    assert.equal(result.record.codeChallengeMethod, 'S256');
    assert.equal(result.record.resource, h.gh.mcpUrl, 'absent resource defaults to this MCP endpoint');
    assert.equal((await h.gh.store.consumeCode(code, now)).status, 'unknown', 'never stored in the clear');
  });

  it('consent denied: access_denied with state and iss', async () => {
    const done = await authorizeThrough(h, new Browser(), authorizeUrl(h.base, { state: 'deny-me', scope: 'notes:write' }), 'deny');
    assert.equal(done.searchParams.get('error'), 'access_denied');
    assert.equal(done.searchParams.get('state'), 'deny-me');
    assert.equal(done.searchParams.get('iss'), h.gh.gatehouse.deps.urls.issuer);
    assert.equal(done.searchParams.get('code'), null);
  });

  /** Signs a fresh browser in and stops at the consent page. */
  async function atConsent(overrides: Record<string, string | null> = {}) {
    const browser = new Browser();
    const login = location(await browser.get(authorizeUrl(h.base, { scope: 'notes:read notes:write', ...overrides })), h.base);
    const fields = hiddenFields(await (await browser.get(login.href)).text());
    const consent = location(await browser.post(at('/authorize/login'), { ...fields, username: USERNAME, password: PASSWORD }), h.base);
    assert.equal(consent.pathname, '/authorize/consent');
    const response = await browser.get(consent.href);
    return { browser, response, html: await response.text() };
  }

  it('the consent page names the client, the redirect host, the scopes; escapes; refuses framing', async () => {
    const { response, html } = await atConsent({ redirect_uri: 'https://app.example.com/cb' });
    assert.equal(response.status, 200);
    assert.match(html, /Test &lt;App&gt;/);
    assert.doesNotMatch(html, /Test <App>/);
    assert.match(html, /app\.example\.com/);
    assert.match(html, /Read your notes/);
    assert.match(html, /notes:write/);
    assert.match(html, />Allow</);
    assert.match(html, />Deny</);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    const csp = response.headers.get('content-security-policy')!;
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /form-action 'self' https:\/\/app\.example\.com(;|$)/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('warns when the client only redirects to localhost', async () => {
    const { html } = await atConsent({ client_id: 'local-tool', redirect_uri: 'http://localhost:4000/cb', scope: 'notes:read' });
    assert.match(html, /Runs on this computer/);
    const other = await atConsent({ redirect_uri: 'https://app.example.com/cb' });
    assert.doesNotMatch(other.html, /Runs on this computer/);
  });

  it('a consent POST without the CSRF token (or with another session) is refused', async () => {
    const { browser, html } = await atConsent();
    const fields = hiddenFields(html);
    const noCsrf = await browser.post(at('/authorize/consent'), { request: fields.request!, decision: 'allow' });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.headers.get('location'), null);

    const other = await atConsent();
    const crossed = await other.browser.post(at('/authorize/consent'), { ...fields, decision: 'allow' });
    assert.equal(crossed.status, 403, "another browser's token is worthless");

    const anonymous = await new Browser().post(at('/authorize/consent'), { ...fields, decision: 'allow' });
    assert.equal(anonymous.status, 403);

    // The refusals used nothing up: the real form still works, once.
    const ok = await browser.post(at('/authorize/consent'), { ...fields, decision: 'allow' });
    assert.equal(ok.status, 303);
    assert.ok(location(ok, h.base).searchParams.get('code'));
    const again = await browser.post(at('/authorize/consent'), { ...fields, decision: 'allow' });
    assert.equal(again.status, 400);
    assert.match(await again.text(), /expired/);
  });

  it('remembered consent skips the page; more scopes ask again', async () => {
    await addTestUser(h.gh, 'remembers');
    const browser = new Browser();
    const first = await authorizeThrough(h, browser, authorizeUrl(h.base, { scope: 'notes:read' }), 'allow', 'remembers');
    assert.ok(first.searchParams.get('code'));
    const second = await browser.get(authorizeUrl(h.base, { scope: 'notes:read', state: 's2' }));
    const to = location(second, h.base);
    assert.equal(to.origin, 'http://127.0.0.1:53123', 'straight back to the client');
    assert.ok(to.searchParams.get('code'));
    assert.equal(to.searchParams.get('state'), 's2');
    const wider = location(await browser.get(authorizeUrl(h.base, { scope: 'notes:read notes:write' })), h.base);
    assert.equal(wider.pathname, '/authorize/consent');
  });

  it('changed client metadata asks again', async () => {
    const registered = await fetch(at('/register'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Registered', redirect_uris: ['http://127.0.0.1/cb'], token_endpoint_auth_method: 'none' }),
    });
    assert.equal(registered.status, 201);
    const { client_id: clientId } = (await registered.json()) as { client_id: string };
    const browser = new Browser();
    const request = () => authorizeUrl(h.base, { client_id: clientId, redirect_uri: 'http://127.0.0.1:4444/cb' });
    assert.ok((await authorizeThrough(h, browser, request())).searchParams.get('code'));
    assert.equal(location(await browser.get(request()), h.base).pathname, '/cb', 'remembered while unchanged');

    const record = (await h.gh.store.getClient(clientId))!;
    await h.gh.store.putClient({ ...record, redirectUris: [...record.redirectUris, 'https://new.example/cb'] });
    assert.equal(location(await browser.get(request()), h.base).pathname, '/authorize/consent');
  });

  it('wrong password: the form again with an error, and no session', async () => {
    const browser = new Browser();
    const login = location(await browser.get(authorizeUrl(h.base)), h.base);
    const fields = hiddenFields(await (await browser.get(login.href)).text());
    const sessionBefore = [...browser.cookies.values()].join();
    const wrong = await browser.post(at('/authorize/login'), { ...fields, username: USERNAME, password: 'wrong password' });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /do not match/);
    assert.equal([...browser.cookies.values()].join(), sessionBefore, 'still anonymous');
    const unknown = await browser.post(at('/authorize/login'), { ...fields, username: 'mallory', password: 'whatever1' });
    assert.match(await unknown.text(), /do not match/, 'unknown users look the same');
  });

  it('a login POST without the CSRF token is refused', async () => {
    const browser = new Browser();
    const login = location(await browser.get(authorizeUrl(h.base)), h.base);
    const { request } = hiddenFields(await (await browser.get(login.href)).text());
    const response = await browser.post(at('/authorize/login'), { request: request!, username: USERNAME, password: PASSWORD });
    assert.equal(response.status, 403);
  });

  it('session cookie on http: plain name, HttpOnly, SameSite=Lax, short Max-Age, not Secure', async () => {
    const browser = new Browser();
    await browser.get(authorizeUrl(h.base));
    const cookie = browser.lastSetCookie.find((c) => c.startsWith('gatehouse-session='));
    assert.ok(cookie, browser.lastSetCookie.join('\n'));
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.match(cookie, /; Max-Age=900/);
    assert.doesNotMatch(cookie, /Secure/);
  });

  it('a tampered session cookie counts as none', async () => {
    const browser = new Browser();
    await authorizeThrough(h, browser, authorizeUrl(h.base));
    const value = browser.cookies.get('gatehouse-session')!;
    const [header, payload, signature] = value.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.user.userId = 'someone-else';
    browser.cookies.set('gatehouse-session', [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.'));
    assert.equal(location(await browser.get(authorizeUrl(h.base)), h.base).pathname, '/authorize/login');
  });
});

describe('login throttling', () => {
  let t: Harness;
  before(async () => {
    // trustProxy lets the test speak for two client addresses through X-Forwarded-For.
    t = await startHarness({ server: { trustProxy: true }, authorizationServer: { authorize: { loginThrottle: { maxAttempts: 3, windowSeconds: 600 } } } });
  });
  after(() => t.close());

  it('login throttling per username and address', async () => {
    const browser = new Browser();
    const login = location(await browser.get(authorizeUrl(t.base)), t.base);
    const fields = hiddenFields(await (await browser.get(login.href)).text());
    const attempt = (password: string, from = '192.0.2.1') =>
      browser.post(new URL('/authorize/login', t.base).href, { ...fields, username: 'Throttled', password }, { 'x-forwarded-for': from });
    for (let i = 0; i < 3; i += 1) assert.equal((await attempt('nope-nope')).status, 401);
    const blocked = await attempt('nope-nope');
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.match(await blocked.text(), /Too many sign-in attempts/);
    // The same username from another address, and another username from this one, are not affected.
    assert.equal((await attempt('nope-nope', '192.0.2.2')).status, 401);
    const other = await browser.post(new URL('/authorize/login', t.base).href, { ...fields, username: USERNAME, password: PASSWORD }, { 'x-forwarded-for': '192.0.2.1' });
    assert.equal(other.status, 303);
  });
});

describe('session cookie on an https issuer', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ server: { publicUrl: 'https://gatehouse.example' } });
  });
  after(() => h.close());

  it('uses the __Host- prefix with Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    // The issuer's host does not resolve here: ask the handler in-process.
    const response = await h.gh.gatehouse.fetch(new Request(authorizeUrl(h.base)));
    assert.equal(response.status, 302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-gatehouse-session='));
    assert.ok(cookie, response.headers.getSetCookie().join('\n'));
    for (const flag of [/; Secure/, /; HttpOnly/, /; SameSite=Lax/, /; Path=\//]) assert.match(cookie, flag);
    assert.doesNotMatch(cookie, /Domain=/i);
  });
});

describe('the account page', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const at = (path: string) => new URL(path, h.base).href;

  it('asks to sign in, lists allowed applications, and Revoke ends their grants', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const done = await authorizeThrough(h, browser, authorizeUrl(h.base, { code_challenge: challenge }));
    const token = await fetch(at('/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: done.searchParams.get('code')!, redirect_uri: 'http://127.0.0.1:53123/callback', client_id: CLIENT_ID, code_verifier: verifier }),
    });
    assert.equal(token.status, 200);

    const anonymous = new Browser();
    assert.equal(location(await anonymous.get(at('/account')), h.base).pathname, '/authorize/login');

    const page = await (await browser.get(at('/account'))).text();
    assert.match(page, new RegExp(`<code>${CLIENT_ID}</code>`));
    const { csrf } = hiddenFields(page);

    const forged = await browser.post(at('/account/revoke'), { client_id: CLIENT_ID });
    assert.equal(forged.status, 403);

    const user = (await h.gh.store.getUserByName(USERNAME))!;
    const [grant] = await h.gh.store.listGrantsByUser(user.userId);
    assert.ok(grant && grant.revokedAt === undefined);
    const revoked = await browser.post(at('/account/revoke'), { csrf: csrf!, client_id: CLIENT_ID });
    assert.equal(location(revoked, h.base).pathname, '/account');
    assert.equal(await h.gh.store.getConsent(user.userId, CLIENT_ID), undefined);
    assert.ok((await h.gh.store.getGrant(grant.grantId))?.revokedAt, 'the grant is revoked');
    assert.match(await (await browser.get(at('/account?notice=revoked'))).text(), /not allowed any application/);
  });

  it('a removed user is signed out at once, though the session cookie has not expired', async () => {
    const browser = new Browser();
    await authorizeThrough(h, browser, authorizeUrl(h.base, { code_challenge: pkce().challenge }));
    assert.equal((await browser.get(at('/account'))).status, 200, 'signed in');
    const user = (await h.gh.store.getUserByName(USERNAME))!;
    await h.gh.store.deleteUser(user.userId);
    try {
      assert.equal(location(await browser.get(at('/account')), h.base).pathname, '/authorize/login');
    } finally {
      await h.gh.store.createUser(user);
    }
  });
});
