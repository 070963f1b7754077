import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../../src/crypto/hash.js';
import { authorizeUrl, Browser, hiddenFields, location, startHarness, type Harness } from '../authorize/fixtures/harness.js';
import { beginUpstream, CLIENT_REDIRECT, upstreamAnswers } from './fixtures/http-flow.js';
import { startGitHubStandIn, type StandIn } from './fixtures/stand-ins.js';

const ID = 'GATEHOUSE_TEST_STATE_GH_ID';
const SECRET = 'GATEHOUSE_TEST_STATE_GH_SECRET';
const BUTTON = 'Sign in with GitHub';

/**
 * The upstream `state`: stored only after our consent, bound to the approving browser and to our
 * pending request, used once. And our consent comes first: Deny never reaches the upstream.
 */
describe('upstream state and consent-first', () => {
  let github: StandIn;
  let h: Harness;
  const authorizeHits = () => github.hits.filter((p) => p.startsWith('/login/oauth/authorize')).length;
  before(async () => {
    github = await startGitHubStandIn();
    process.env[ID] = github.clientId;
    process.env[SECRET] = github.clientSecret;
    h = await startHarness({ authorizationServer: { upstream: { providers: [{ type: 'github', baseUrl: github.origin, apiUrl: github.origin, clientIdEnv: ID, clientSecretEnv: SECRET }] } } });
  });
  after(async () => {
    await h?.close();
    await github?.close();
  });

  it('Deny on our consent page goes back to the client with access_denied; nothing is sent upstream', async () => {
    const before = authorizeHits();
    const begun = await beginUpstream(h.base, 'github', BUTTON, 'deny');
    assert.equal(begun.next.origin + begun.next.pathname, CLIENT_REDIRECT);
    assert.equal(begun.next.searchParams.get('error'), 'access_denied');
    assert.equal(begun.next.searchParams.get('state'), begun.state);
    assert.equal(begun.next.searchParams.get('iss'), h.gh.gatehouse.deps.urls.issuer);
    assert.equal(authorizeHits(), before, 'no upstream authorization request was made');
  });

  it('the consent form needs its CSRF token from this browser, for this provider', async () => {
    const browser = new Browser();
    const login = location(await browser.get(authorizeUrl(h.base, { redirect_uri: CLIENT_REDIRECT })), h.base);
    const page = await (await browser.get(`${h.base}/upstream/github/consent${login.search}`)).text();
    const fields = hiddenFields(page);
    const forged = await browser.post(`${h.base}/upstream/github/consent`, { request: fields.request!, csrf: 'x'.repeat(43), decision: 'allow' });
    assert.equal(forged.status, 403);
    const stranger = new Browser();
    await stranger.get(`${h.base}/upstream/github/consent${login.search}`);
    const elsewhere = await stranger.post(`${h.base}/upstream/github/consent`, { request: fields.request!, csrf: fields.csrf!, decision: 'allow' });
    assert.equal(elsewhere.status, 403, 'a token shown to one browser is worthless in another');
  });

  it('a callback without state is refused with a page', async () => {
    const response = await new Browser().get(`${h.base}/upstream/github/callback?code=abc`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /no state/);
  });

  it('an unknown state is refused', async () => {
    const response = await new Browser().get(`${h.base}/upstream/github/callback?code=abc&state=made-up`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /expired/);
  });

  it('a state carried to another browser is refused there, and still works in the browser that approved it', async () => {
    const begun = await beginUpstream(h.base, 'github', BUTTON);
    const callback = await upstreamAnswers(begun.next);
    const other = await new Browser().get(callback.href);
    assert.equal(other.status, 403);
    assert.match(await other.text(), /another browser/);
    const mine = await begun.browser.get(callback.href);
    assert.equal(mine.status, 303);
    assert.ok(location(mine, h.base).searchParams.get('code'), 'the approving browser finishes with a code for the client');
  });

  it('a replayed state is refused (single use)', async () => {
    const begun = await beginUpstream(h.base, 'github', BUTTON);
    const callback = await upstreamAnswers(begun.next);
    assert.equal((await begun.browser.get(callback.href)).status, 303);
    const again = await begun.browser.get(callback.href);
    assert.equal(again.status, 400);
    assert.match(await again.text(), /already used or waited too long/);
  });

  it('a state for one provider is refused at another provider’s callback', async () => {
    const begun = await beginUpstream(h.base, 'github', BUTTON);
    const callback = await upstreamAnswers(begun.next);
    const wrong = await begun.browser.get(callback.href.replace('/upstream/github/', '/upstream/nope/'));
    assert.equal(wrong.status, 404);
  });

  it('the pending sign-in in the store holds neither the state nor the PKCE verifier in the clear', async () => {
    const begun = await beginUpstream(h.base, 'github', BUTTON);
    const state = begun.next.searchParams.get('state')!;
    const record = await h.gh.store.peekPending(`upstream:${hashSecret(state)}`, Date.now());
    assert.ok(record, 'stored under the digest of the state');
    const text = JSON.stringify(record);
    assert.ok(!text.includes(state));
    assert.ok(!text.includes('codeVerifier'), 'the verifier and nonce are sealed');
  });
});

