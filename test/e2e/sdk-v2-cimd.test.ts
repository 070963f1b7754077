import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import type { Browser } from 'playwright-core';
import { authorizeInBrowser, chromiumMissing, launchChromium } from '../helpers/browser.js';
import { makeTestPki, writeCaFile } from '../helpers/https-ca.js';
import { startDocumentServer, type DocumentServer } from '../clients/helpers/document-server.js';
import { HostProvider } from './fixtures/host-provider.js';
import { listAndCallTools, PASSWORD, SCREENSHOT_DIR, SCOPES, startStack, USERNAME, type Stack } from './fixtures/stack.js';

// Never contacted: the browser answers the redirect itself, as a host's own callback would.
const REDIRECT = 'http://127.0.0.1:33418/callback';
const SCREENSHOT = join(SCREENSHOT_DIR, 'consent-sdk-v2-cimd.png');

/**
 * A CIMD host: the SDK v2 client names itself by the URL of its Client ID Metadata Document,
 * which the test serves over real HTTPS under a test CA that Gatehouse is told to trust through
 * `authorizationServer.clients.cimd.extraCaFile`. No registration happens anywhere.
 */
describe('SDK v2 client (@modelcontextprotocol/client) with a Client ID Metadata Document', { skip: chromiumMissing }, () => {
  let stack: Stack;
  let documents: DocumentServer;
  let browser: Browser;
  let removeCa: () => void;
  let clientId: string;

  before(async () => {
    const pki = makeTestPki();
    const ca = writeCaFile(pki);
    removeCa = ca.remove;
    documents = await startDocumentServer(pki);
    clientId = `${documents.origin}/mcp-host/client.json`;
    documents.route('/mcp-host/client.json', {
      headers: { 'Cache-Control': 'max-age=300' },
      body: (origin) =>
        JSON.stringify({
          client_id: `${origin}/mcp-host/client.json`,
          client_name: 'E2E CIMD Host',
          client_uri: origin,
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
        }),
    });
    stack = await startStack({ authorizationServer: { clients: { cimd: { extraCaFile: ca.path } } } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    await documents?.close();
    removeCa?.();
  });

  it('discovers, authorizes with its document URL as client_id, and calls tools on /mcp', async () => {
    const mcpUrl = new URL(stack.gh.mcpUrl);
    const provider = new HostProvider({ redirectUrl: REDIRECT, clientName: 'E2E CIMD Host', clientMetadataUrl: clientId, scope: SCOPES.join(' ') });

    // First contact: 401 → protected resource metadata → AS metadata → authorization URL.
    const first = new Client({ name: 'e2e-cimd-host', version: '1.0.0' });
    await assert.rejects(first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })), UnauthorizedError);
    const authorizationUrl = provider.authorizationUrl;
    assert.ok(authorizationUrl, 'the SDK never asked the user to authorize');
    assert.equal(authorizationUrl.searchParams.get('client_id'), clientId, 'the SDK must use the document URL as client_id');
    assert.equal(authorizationUrl.searchParams.get('resource'), stack.gh.mcpUrl);
    assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(provider.registered?.client_id ?? clientId, clientId, 'a CIMD host registers nowhere');

    const landed = await authorizeInBrowser(browser, authorizationUrl, {
      username: USERNAME,
      password: PASSWORD,
      redirectUri: REDIRECT,
      callback: 'intercept',
      consentScreenshot: SCREENSHOT,
    });
    assert.ok(existsSync(SCREENSHOT), 'the consent page screenshot is kept as a test artefact');
    assert.equal(landed.searchParams.get('state'), provider.expectedState);
    assert.equal(landed.searchParams.get('iss'), stack.gh.url);
    assert.ok((documents.hits.get('/mcp-host/client.json') ?? 0) >= 1, 'Gatehouse fetched the metadata document');

    // The SDK checks `iss` (RFC 9207) before it redeems the code.
    const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
    await transport.finishAuth(landed.searchParams);
    assert.ok(provider.saved?.access_token);
    assert.ok(provider.saved?.refresh_token, 'a refresh token comes with the authorization_code grant');

    const client = new Client({ name: 'e2e-cimd-host', version: '1.0.0' });
    await client.connect(transport);
    const who = await listAndCallTools(client, 'written by the CIMD host');
    assert.equal(who.clientId, clientId);
    assert.equal(who.resource, stack.gh.mcpUrl);
    assert.deepEqual([...(who.scopes as string[])].sort(), [...SCOPES].sort());
    await client.close();
  });
});
