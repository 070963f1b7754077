import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Browser } from 'playwright-core';
import { startDocumentServer, type DocumentServer } from '../clients/helpers/document-server.js';
import { HostProvider } from '../e2e/fixtures/host-provider.js';
import { assertInvalidToken, postInitialize } from '../e2e/fixtures/stack.js';
import { chromiumMissing, launchChromium } from '../helpers/browser.js';
import { makeTestPki, writeCaFile } from '../helpers/https-ca.js';
import { loadSealer } from '../../src/store/sealing-keys.js';
import { providersFromConfig } from '../../src/upstream/providers/from-config.js';
import { createUpstreamVault } from '../../src/upstream/vault/vault.js';
import { startOidcUpstream, type OidcUpstream } from './fixtures/oidc-upstream.js';
import { signInUpstream } from './fixtures/upstream-browser.js';
import { SCOPES, startUpstreamStack, type UpstreamStack } from './fixtures/upstream-stack.js';

const REDIRECT = 'http://127.0.0.1:33419/callback';
const ACCESS_TTL = 3;
const ENV_ID = 'GATEHOUSE_TEST_UPSTREAM_E2E_ID';
const ENV_SECRET = 'GATEHOUSE_TEST_UPSTREAM_E2E_SECRET';
const SUBJECT = 'ada-upstream';
const USER_ID = `corp:${SUBJECT}`;

interface ToolResult {
  isError?: boolean;
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole upstream story against a real OpenID Connect provider on loopback: an SDK v2 MCP
 * host (CIMD client id) signs a person in through Chromium with "Sign in with Corp SSO", calls
 * `upstream_whoami`, and the upstream answers as that person. Then: no passthrough either way,
 * one refresh for 20 concurrent calls (and across two vault instances), and an upstream
 * refusal that ends our grant.
 */
describe('upstream sign-in with a real OIDC provider (oidc-provider 9)', { skip: chromiumMissing }, () => {
  let upstream: OidcUpstream;
  let stack: UpstreamStack;
  let documents: DocumentServer;
  let browser: Browser;
  let removeCa: () => void;
  let client: Client;
  let host: HostProvider;
  const clientSaw: string[] = [];

  before(async () => {
    upstream = await startOidcUpstream({ accessTokenTtl: ACCESS_TTL });
    process.env[ENV_ID] = 'gatehouse-at-corp';
    process.env[ENV_SECRET] = 'corp-client-secret-0123456789abcdef';
    const pki = makeTestPki();
    const ca = writeCaFile(pki);
    removeCa = ca.remove;
    documents = await startDocumentServer(pki);
    documents.route('/host/client.json', {
      headers: { 'Cache-Control': 'max-age=300' },
      body: (origin) => JSON.stringify({
        client_id: `${origin}/host/client.json`,
        client_name: 'Upstream E2E Host',
        redirect_uris: [REDIRECT],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      }),
    });
    stack = await startUpstreamStack({
      clients: { cimd: { extraCaFile: ca.path } },
      upstream: {
        providers: [{ type: 'oidc', name: 'corp', label: 'Sign in with Corp SSO', issuer: upstream.issuer, clientIdEnv: ENV_ID, clientSecretEnv: ENV_SECRET }],
        refreshSkew: 0,
      },
    });
    upstream.registerClient({ clientId: 'gatehouse-at-corp', clientSecret: process.env[ENV_SECRET]!, redirectUri: `${stack.gh.url}/upstream/corp/callback` });
    browser = await launchChromium();
  });
  after(async () => {
    await client?.close();
    await browser?.close();
    await stack?.close();
    await documents?.close();
    await upstream?.close();
    removeCa?.();
  });

  /** Everything the MCP host receives from Gatehouse (token responses, MCP responses), as text. */
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    clientSaw.push(await response.clone().text().catch(() => ''));
    return response;
  };

  it('signs in with the upstream through Chromium and upstream_whoami answers as that user', async () => {
    const mcpUrl = new URL(stack.gh.mcpUrl);
    host = new HostProvider({ redirectUrl: REDIRECT, clientName: 'Upstream E2E Host', clientMetadataUrl: `${documents.origin}/host/client.json`, scope: SCOPES.join(' ') });
    const first = new Client({ name: 'upstream-e2e', version: '1.0.0' });
    await assert.rejects(first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: host, fetch: recordingFetch })));
    assert.ok(host.authorizationUrl);

    mkdirSync('test-artifacts', { recursive: true });
    const { landed, visited } = await signInUpstream(browser, host.authorizationUrl, {
      button: 'Sign in with Corp SSO',
      login: SUBJECT,
      redirectUri: REDIRECT,
      screenshot: 'test-artifacts/upstream-consent.png',
    });
    // Our consent came first: the browser reached the upstream only after Gatehouse's consent page.
    const consentAt = visited.findIndex((u) => u.includes('/upstream/corp/consent'));
    const upstreamAt = visited.findIndex((u) => u.startsWith(upstream.issuer));
    assert.ok(consentAt >= 0 && upstreamAt > consentAt, `consent must precede the upstream: ${visited.join(' → ')}`);
    assert.equal(landed.searchParams.get('state'), host.expectedState);
    assert.equal(landed.searchParams.get('iss'), stack.gh.url);

    const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: host, fetch: recordingFetch });
    await transport.finishAuth(landed.searchParams);
    client = new Client({ name: 'upstream-e2e', version: '1.0.0' });
    await client.connect(transport);

    const who = (await client.callTool({ name: 'whoami', arguments: {} })) as ToolResult;
    assert.equal(who.structuredContent?.subject, USER_ID, 'the Gatehouse user id is derived from provider + upstream subject');
    const up = (await client.callTool({ name: 'upstream_whoami', arguments: {} })) as ToolResult;
    assert.notEqual(up.isError, true, JSON.stringify(up));
    assert.equal(up.structuredContent?.provider, 'corp');
    const userinfo = up.structuredContent?.userinfo as Record<string, unknown>;
    assert.equal(userinfo.sub, SUBJECT);
    assert.equal(userinfo.email, `${SUBJECT}@upstream.test`);

    const grants = await stack.gh.store.listGrantsByUser(USER_ID);
    assert.equal(grants.length, 1);
  });

  it('no passthrough: the MCP token is refused upstream; upstream tokens reach no client response, log or store dump', async () => {
    const mcpToken = host.saved?.access_token;
    assert.ok(mcpToken);
    const me = await fetch(`${upstream.issuer}/me`, { headers: { authorization: `Bearer ${mcpToken}` } });
    await me.body?.cancel();
    assert.equal(me.status, 401, 'the upstream must not accept a Gatehouse token');

    const upstreamTokens = upstream.issuedTokens();
    assert.ok(upstreamTokens.length >= 2, 'the upstream issued an access and a refresh token');
    const record = await stack.gh.store.getUpstreamToken(USER_ID, 'corp');
    assert.match(record?.sealed ?? '', /^v1\./, 'the vault record is sealed');
    const dump = stack.storeDump();
    assert.ok(dump.includes(USER_ID), 'the dump is real (it holds the user id)');
    const seenByClient = clientSaw.join('\n');
    const logs = stack.logs.join('\n');
    assert.ok(logs.includes('login'), 'the logger was captured');
    for (const token of upstreamTokens) {
      assert.ok(!seenByClient.includes(token), 'an upstream token reached the MCP client');
      assert.ok(!logs.includes(token), 'an upstream token was logged');
      assert.ok(!dump.includes(token), 'an upstream token is in the store in the clear');
    }
  });

  it('an expired upstream token is refreshed exactly once for 20 concurrent tool calls', async () => {
    await sleep((ACCESS_TTL + 0.5) * 1000);
    const before = upstream.refreshCount();
    const results = (await Promise.all(Array.from({ length: 20 }, () => client.callTool({ name: 'upstream_whoami', arguments: {} })))) as ToolResult[];
    for (const result of results) assert.equal((result.structuredContent?.userinfo as Record<string, unknown> | undefined)?.sub, SUBJECT, JSON.stringify(result));
    assert.equal(upstream.refreshCount() - before, 1, 'one upstream refresh for 20 calls');
  });

  it('across instances (two vaults on one store), still one refresh: the lease holder refreshes, the other waits and re-reads', async () => {
    const deps = stack.gh.gatehouse.deps;
    const sealer = loadSealer(deps.config.store);
    const vaults = [0, 1].map(() => createUpstreamVault(deps, sealer, providersFromConfig(deps)));
    await sleep((ACCESS_TTL + 0.5) * 1000);
    const before = upstream.refreshCount();
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => vaults[i % 2]!.accessToken(USER_ID, 'corp')));
    assert.equal(new Set(tokens.map((t) => t.accessToken)).size, 1, 'every caller got the one refreshed token');
    assert.equal(upstream.refreshCount() - before, 1);
  });

  it('an upstream refresh refused for good revokes our grant: upstream_whoami says sign in again, then /mcp answers 401', async () => {
    const mcpToken = host.saved!.access_token;
    upstream.revokeRefreshTokens();
    await sleep((ACCESS_TTL + 0.5) * 1000);
    const result = (await client.callTool({ name: 'upstream_whoami', arguments: {} })) as ToolResult;
    assert.equal(result.isError, true);
    assert.match(result.content?.[0]?.text ?? '', /sign in again/);
    const [grant] = await stack.gh.store.listGrantsByUser(USER_ID);
    assert.ok(grant?.revokedAt, 'the grant signed in with this upstream is revoked');
    assert.equal(await stack.gh.store.getUpstreamToken(USER_ID, 'corp'), undefined, 'the dead upstream tokens are gone');
    // The co-hosted guard caches a live grant for at most 2 s.
    let response = await postInitialize(stack.gh.mcpUrl, mcpToken);
    for (let i = 0; i < 30 && response.status !== 401; i++) {
      await response.body?.cancel();
      await sleep(100);
      response = await postInitialize(stack.gh.mcpUrl, mcpToken);
    }
    await assertInvalidToken(response, 'after the upstream refused the refresh');
  });
});
