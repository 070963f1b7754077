import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Browser } from 'playwright-core';
import { authorizeInBrowser, chromiumMissing, launchChromium } from '../helpers/browser.js';
import { HostProvider } from './fixtures/host-provider.js';
import { listAndCallTools, PASSWORD, SCREENSHOT_DIR, SCOPES, startStack, USERNAME, type Stack } from './fixtures/stack.js';

const REDIRECT = 'http://127.0.0.1:33419/callback';

/**
 * A host that predates Client ID Metadata Documents: the SDK v1 client (`@modelcontextprotocol/sdk`
 * + `StreamableHTTPClientTransport` with an `authProvider`) registers itself at `/register`
 * (RFC 7591) and then runs the same authorization code + PKCE flow.
 */
describe('SDK v1 client (@modelcontextprotocol/sdk) with Dynamic Client Registration', { skip: chromiumMissing }, () => {
  let stack: Stack;
  let browser: Browser;
  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('registers, authorizes, and calls tools on /mcp', async () => {
    const mcpUrl = new URL(stack.gh.mcpUrl);
    const provider = new HostProvider({ redirectUrl: REDIRECT, clientName: 'E2E DCR Host', scope: SCOPES.join(' ') });

    const first = new Client({ name: 'e2e-dcr-host', version: '1.0.0' });
    await assert.rejects(first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })), UnauthorizedError);
    const clientId = provider.registered?.client_id;
    assert.ok(clientId, 'the SDK registered at /register');
    assert.doesNotMatch(clientId, /^https?:/, 'a generated client_id never looks like a metadata document URL');
    const record = await stack.gh.store.getClient(clientId);
    assert.equal(record?.kind, 'dcr');
    assert.deepEqual(record?.redirectUris, [REDIRECT]);
    assert.equal(provider.authorizationUrl?.searchParams.get('client_id'), clientId);

    const landed = await authorizeInBrowser(browser, provider.authorizationUrl!, {
      username: USERNAME,
      password: PASSWORD,
      redirectUri: REDIRECT,
      callback: 'intercept',
      consentScreenshot: join(SCREENSHOT_DIR, 'consent-sdk-v1-dcr.png'),
    });
    assert.equal(landed.searchParams.get('state'), provider.expectedState);
    assert.equal(landed.searchParams.get('iss'), stack.gh.url);

    const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
    await transport.finishAuth(landed.searchParams.get('code')!);
    assert.ok(provider.saved?.access_token);

    const client = new Client({ name: 'e2e-dcr-host', version: '1.0.0' });
    await client.connect(transport);
    const who = await listAndCallTools(client, 'written by the DCR host');
    assert.equal(who.clientId, clientId);
    assert.equal(who.resource, stack.gh.mcpUrl);
    await client.close();
  });
});
