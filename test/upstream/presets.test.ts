import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from '../authorize/fixtures/harness.js';
import { providersFromConfig } from '../../src/upstream/providers/from-config.js';
import { UpstreamRefreshRejected } from '../../src/upstream/providers/types.js';
import { beginUpstream, callTool, redeem, upstreamAnswers } from './fixtures/http-flow.js';
import { startGitHubStandIn, startGoogleStandIn, type StandIn } from './fixtures/stand-ins.js';

const env = {
  GH_ID: 'GATEHOUSE_TEST_PRESET_GH_ID', GH_SECRET: 'GATEHOUSE_TEST_PRESET_GH_SECRET',
  G_ID: 'GATEHOUSE_TEST_PRESET_G_ID', G_SECRET: 'GATEHOUSE_TEST_PRESET_G_SECRET',
};

/**
 * The GitHub and Google presets against stand-ins that answer at those providers' documented
 * endpoints and in their shapes; the presets' base URLs are overridden to reach them.
 */
describe('GitHub and Google presets', () => {
  let github: StandIn;
  let google: StandIn;
  let h: Harness;
  before(async () => {
    github = await startGitHubStandIn();
    google = await startGoogleStandIn();
    process.env[env.GH_ID] = github.clientId;
    process.env[env.GH_SECRET] = github.clientSecret;
    process.env[env.G_ID] = google.clientId;
    process.env[env.G_SECRET] = google.clientSecret;
    h = await startHarness({
      authorizationServer: {
        upstream: {
          providers: [
            { type: 'github', baseUrl: github.origin, apiUrl: github.origin, clientIdEnv: env.GH_ID, clientSecretEnv: env.GH_SECRET },
            { type: 'google', issuer: google.origin, clientIdEnv: env.G_ID, clientSecretEnv: env.G_SECRET },
          ],
        },
      },
    });
  });
  after(async () => {
    await h?.close();
    await github?.close();
    await google?.close();
  });

  it('GitHub: /login/oauth/authorize with PKCE, token with Accept: application/json, GET /user → upstream_whoami', async () => {
    const begun = await beginUpstream(h.base, 'github', 'Sign in with GitHub');
    assert.equal(begun.next.origin + begun.next.pathname, `${github.origin}/login/oauth/authorize`);
    assert.equal(begun.next.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(begun.next.searchParams.get('scope'), 'read:user');
    assert.equal(begun.next.searchParams.get('redirect_uri'), `${h.base}/upstream/github/callback`);
    const callback = await upstreamAnswers(begun.next);
    const landed = new URL((await begun.browser.get(callback.href)).headers.get('location')!);
    assert.equal(landed.searchParams.get('state'), begun.state);
    const token = await redeem(h.base, landed, begun.verifier);

    const who = await callTool(h.gh.mcpUrl, token, 'whoami');
    assert.equal(who.structuredContent?.subject, 'github:4242', 'the numeric GitHub id, not the renamable login, is the subject');
    const up = await callTool(h.gh.mcpUrl, token, 'upstream_whoami');
    assert.notEqual(up.isError, true, JSON.stringify(up));
    assert.equal((up.structuredContent?.userinfo as Record<string, unknown>).login, 'octo-ada');
    assert.ok(!JSON.stringify(up).includes('ghu_'), 'the GitHub token stays in Gatehouse');
  });

  it('GitHub: refresh uses the refresh token; its HTTP-200 bad_refresh_token is a permanent refusal', async () => {
    const deps = h.gh.gatehouse.deps;
    const provider = providersFromConfig(deps).find((p) => p.name === 'github')!;
    const refreshToken = github.issued.find((t) => t.startsWith('ghr_'))!;
    const fresh = await provider.refresh(refreshToken);
    assert.match(fresh.accessToken, /^ghu_/);
    assert.notEqual(fresh.refreshToken, refreshToken);
    await assert.rejects(provider.refresh(refreshToken), (e) => e instanceof UpstreamRefreshRejected && e.upstreamError === 'bad_refresh_token');
  });

  it('Google: discovery, access_type=offline + prompt=consent, nonce, ID token → upstream_whoami via userinfo', async () => {
    const begun = await beginUpstream(h.base, 'google', 'Sign in with Google');
    assert.equal(begun.next.origin + begun.next.pathname, `${google.origin}/o/oauth2/v2/auth`);
    const q = begun.next.searchParams;
    assert.equal(q.get('access_type'), 'offline');
    assert.equal(q.get('prompt'), 'consent');
    assert.ok(q.get('nonce'));
    assert.equal(q.get('scope'), 'openid profile email');
    const callback = await upstreamAnswers(begun.next);
    const landed = new URL((await begun.browser.get(callback.href)).headers.get('location')!);
    const token = await redeem(h.base, landed, begun.verifier);
    assert.equal((await callTool(h.gh.mcpUrl, token, 'whoami')).structuredContent?.subject, 'google:110169484474386276334');
    const up = await callTool(h.gh.mcpUrl, token, 'upstream_whoami');
    assert.equal((up.structuredContent?.userinfo as Record<string, unknown>).email, 'ada@example.test');
    assert.ok(!JSON.stringify(up).includes('ya29.'));

    const provider = providersFromConfig(h.gh.gatehouse.deps).find((p) => p.name === 'google')!;
    await assert.rejects(provider.refresh('1//not-a-real-one'), (e) => e instanceof UpstreamRefreshRejected && e.upstreamError === 'invalid_grant');
  });

  it('a user who denies at the upstream lands at the client with access_denied, our state and iss', async () => {
    github.denyNext();
    const begun = await beginUpstream(h.base, 'github', 'Sign in with GitHub');
    const callback = await upstreamAnswers(begun.next);
    const landed = new URL((await begun.browser.get(callback.href)).headers.get('location')!);
    assert.equal(landed.searchParams.get('error'), 'access_denied');
    assert.equal(landed.searchParams.get('state'), begun.state);
    assert.equal(landed.searchParams.get('iss'), h.gh.gatehouse.deps.urls.issuer);
    assert.equal(landed.searchParams.get('code'), null);
  });
});
