import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import * as oauth from 'oauth4webapi';
import type { Browser } from 'playwright-core';
import { hashSecret } from '../../src/crypto/hash.js';
import { loadSealer } from '../../src/store/sealing-keys.js';
import { createKeySet } from '../../src/token/keys/key-set.js';
import { authorizeInBrowser, chromiumMissing, launchChromium } from '../helpers/browser.js';
import { assertInvalidToken, listAndCallTools, PASSWORD, postInitialize, SCREENSHOT_DIR, SCOPES, startStack, USERNAME, type Stack } from './fixtures/stack.js';

const CLIENT_ID = 'e2e-web-app';
const CLIENT_SECRET = 'e2e-client-secret-that-is-long-enough-0123456789';
const REDIRECT = 'http://127.0.0.1:33420/callback';
// Gatehouse serves http on loopback; oauth4webapi insists on https unless told otherwise.
const insecure = { [oauth.allowInsecureRequests]: true } as const;

/** Calls tools on /mcp with a bearer token, as any MCP client holding one would. */
async function useAtMcp(mcpUrl: string, accessToken: string, note: string): Promise<Record<string, unknown>> {
  const client = new Client({ name: 'e2e-oauth4webapi', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${accessToken}` } } }));
  try {
    return await listAndCallTools(client, note);
  } finally {
    await client.close();
  }
}

/**
 * The pre-registered tier, driven by a generic OAuth library: a confidential client with a
 * hashed secret in the configuration, and every step checked by oauth4webapi (RFC 9728 and
 * RFC 8414 discovery, PKCE, RFC 9207 `iss`, refresh rotation, RFC 7009 revocation, RFC 7662
 * introspection). The refresh grace window is 0 so that a replayed refresh token counts as
 * reuse at once.
 */
describe('oauth4webapi with a pre-registered confidential client', { skip: chromiumMissing }, () => {
  let stack: Stack;
  let browser: Browser;
  let as: oauth.AuthorizationServer;
  const client: oauth.Client = { client_id: CLIENT_ID };
  const auth = oauth.ClientSecretBasic(CLIENT_SECRET);
  let mcpUrl: string;

  /** One full authorization: browser sign-in and consent, `iss`/`state` checked, code redeemed. */
  async function authorize(screenshot?: string): Promise<oauth.TokenEndpointResponse> {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: SCOPES.join(' '),
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      resource: mcpUrl,
    }).toString();
    const landed = await authorizeInBrowser(browser, url, {
      username: USERNAME,
      password: PASSWORD,
      redirectUri: REDIRECT,
      callback: 'intercept',
      ...(screenshot && { consentScreenshot: screenshot }),
    });
    const params = oauth.validateAuthResponse(as, client, landed, state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, REDIRECT, verifier, {
      ...insecure,
      additionalParameters: { resource: mcpUrl },
    });
    return oauth.processAuthorizationCodeResponse(as, client, response);
  }

  async function introspect(token: string): Promise<oauth.IntrospectionResponse> {
    return oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, token, insecure));
  }

  before(async () => {
    stack = await startStack({
      authorizationServer: {
        tokens: { refreshGraceWindow: 0 },
        clients: {
          preregistered: [
            {
              clientId: CLIENT_ID,
              clientName: 'E2E Web App',
              redirectUris: [REDIRECT],
              tokenEndpointAuthMethod: 'client_secret_basic',
              secretHash: hashSecret(CLIENT_SECRET),
            },
          ],
        },
      },
    });
    mcpUrl = stack.gh.mcpUrl;
    browser = await launchChromium();

    // RFC 9728 from the resource, then RFC 8414 from the issuer it names: what a client that
    // knows only the MCP URL does.
    const resource = await oauth.processResourceDiscoveryResponse(new URL(mcpUrl), await oauth.resourceDiscoveryRequest(new URL(mcpUrl), insecure));
    assert.deepEqual(resource.authorization_servers, [stack.gh.url]);
    const issuer = new URL(resource.authorization_servers![0]!);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
    assert.equal(as.authorization_response_iss_parameter_supported, true);
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('authorizes with PKCE and iss, uses the token at /mcp, introspects, refreshes, and revocation ends it', async () => {
    const first = await authorize(join(SCREENSHOT_DIR, 'consent-oauth4webapi.png'));
    assert.equal(first.token_type.toLowerCase(), 'bearer');
    assert.ok(first.refresh_token);
    const who = await useAtMcp(mcpUrl, first.access_token, 'written with oauth4webapi');
    assert.equal(who.clientId, CLIENT_ID);

    const info = await introspect(first.access_token);
    assert.equal(info.active, true);
    assert.equal(info.client_id, CLIENT_ID);
    assert.equal(info.aud, mcpUrl);
    assert.equal(info.iss, stack.gh.url);

    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token, insecure));
    assert.notEqual(refreshed.refresh_token, first.refresh_token, 'refresh tokens rotate');
    await useAtMcp(mcpUrl, refreshed.access_token, 'written after a refresh');

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, refreshed.access_token, insecure));
    await assertInvalidToken(await postInitialize(mcpUrl, refreshed.access_token), 'a revoked access token at /mcp');
    assert.equal((await introspect(refreshed.access_token)).active, false);
  });

  it('refuses an authorization response whose iss names another server (mix-up defence)', async () => {
    const forged = new URL(`${REDIRECT}?code=abc&state=s1&iss=${encodeURIComponent('https://evil.example')}`);
    assert.throws(() => oauth.validateAuthResponse(as, client, forged, 's1'), (e: Error) => e instanceof oauth.OperationProcessingError || e instanceof oauth.AuthorizationResponseError);
  });

  it('a replayed refresh token revokes the grant: its newest access token stops working at /mcp', async () => {
    const first = await authorize();
    const second = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token!, insecure));
    const live = await postInitialize(mcpUrl, second.access_token);
    await live.body?.cancel();
    assert.equal(live.status, 200);

    const replay = await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token!, insecure);
    await assert.rejects(oauth.processRefreshTokenResponse(as, client, replay), (e: oauth.ResponseBodyError) => e.error === 'invalid_grant');
    await assertInvalidToken(await postInitialize(mcpUrl, second.access_token), 'an access token of a grant revoked by refresh reuse');
    await assert.rejects(
      oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, second.refresh_token!, insecure)),
      (e: oauth.ResponseBodyError) => e.error === 'invalid_grant',
      'the rotated refresh token dies with its grant',
    );
  });

  it('tokens are audience-bound: a JWT signed by this server for another resource is refused at /mcp', async () => {
    const { access_token } = await authorize();
    const claims = decodeJwt(access_token);
    const header = decodeProtectedHeader(access_token);
    // The server's own signing key, opened the way the server opens it: only `aud` differs.
    const { config, store, logger, now } = stack.gh.gatehouse.deps;
    const keys = createKeySet({ store, sealer: loadSealer(config.store), tokens: config.authorizationServer.tokens, logger, now });
    const signing = await keys.signingKey();
    assert.equal(signing.kid, header.kid, 'the forgery uses the very key that signed the real token');
    const sign = (aud: string, changes: Record<string, unknown> = {}) =>
      new SignJWT({ ...claims, aud, ...changes }).setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: 'at+jwt' }).sign(signing.key);

    await assertInvalidToken(await postInitialize(mcpUrl, await sign('https://other-resource.example/mcp')), 'a token for another resource');
    await assertInvalidToken(await postInitialize(mcpUrl, await sign(stack.gh.url)), 'a token for the issuer rather than the MCP endpoint');
    // Every token this server issues names its grant; one that does not cannot be checked for revocation.
    await assertInvalidToken(await postInitialize(mcpUrl, await sign(mcpUrl, { gid: undefined })), 'a token without a grant id');
    // The control: the same re-signed claims with this resource as audience are accepted.
    const control = await postInitialize(mcpUrl, await sign(mcpUrl));
    await control.body?.cancel();
    assert.equal(control.status, 200);
  });
});
