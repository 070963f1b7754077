import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../helpers/browser.js';
import { REDIRECT_URI, startTokenServer, type TokenServer } from '../token/fixtures/harness.js';

/** Serves an empty page on `host`: the origin a browser-based MCP client runs on. */
async function servePage(host: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>client</title>'));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${(server.address() as AddressInfo).port}/` };
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'web', version: '1' } } };

/** What a browser-based MCP client does, run inside the page: every fetch is a real cross-origin one. */
async function clientFlow(page: Page, server: TokenServer, code: { code: string; verifier: string }) {
  return page.evaluate(
    async ({ mcp, issuer, code, verifier, redirectUri, initialize }) => {
      const mcpHeaders = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2025-11-25' };
      const challenge = await fetch(mcp, { method: 'POST', headers: mcpHeaders, body: JSON.stringify(initialize) });
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: 'public-app' });
      const tokenResponse = await fetch(`${issuer}/token`, { method: 'POST', body: form });
      const tokens = (await tokenResponse.json()) as { access_token: string };
      const init = await fetch(mcp, { method: 'POST', headers: { ...mcpHeaders, Authorization: `Bearer ${tokens.access_token}` }, body: JSON.stringify(initialize) });
      await init.text();
      const revoked = await fetch(`${issuer}/revoke`, { method: 'POST', body: new URLSearchParams({ token: tokens.access_token, client_id: 'public-app' }) });
      return {
        challengeStatus: challenge.status,
        challenge: challenge.headers.get('www-authenticate'),
        tokenStatus: tokenResponse.status,
        gotToken: typeof tokens.access_token === 'string',
        initStatus: init.status,
        sessionId: init.headers.get('mcp-session-id'),
        revokeStatus: revoked.status,
      };
    },
    { mcp: server.resource, issuer: server.issuer, code: code.code, verifier: code.verifier, redirectUri: REDIRECT_URI, initialize: INITIALIZE },
  );
}

describe('a browser-based MCP client in Chromium, on another origin', { skip: chromiumMissing }, () => {
  let browser: Browser;
  let server: TokenServer;
  const pages: Server[] = [];
  before(async () => {
    browser = await launchChromium();
    server = await startTokenServer();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    for (const page of pages) page.close();
  });

  it('reads the 401 challenge, exchanges its code, opens an MCP session and revokes its token', async () => {
    const origin = await servePage('127.0.0.1');
    pages.push(origin.server);
    const page = await browser.newPage();
    await page.goto(origin.url);
    const result = await clientFlow(page, server, await server.issueCode('public-app'));
    assert.equal(result.challengeStatus, 401);
    assert.match(result.challenge ?? '', /resource_metadata="[^"]+\/\.well-known\/oauth-protected-resource\/mcp"/);
    assert.equal(result.tokenStatus, 200);
    assert.ok(result.gotToken);
    assert.equal(result.initStatus, 200);
    assert.match(result.sessionId ?? '', /.+/);
    assert.equal(result.revokeStatus, 200);
    await page.close();
  });

  it('a page on an origin /mcp does not allow cannot reach it (its preflight is refused), while /token stays open to it', async () => {
    // 127.0.0.2 is loopback but not one of the loopback names the local server allows on any port.
    const origin = await servePage('127.0.0.2');
    pages.push(origin.server);
    const page = await browser.newPage();
    await page.goto(origin.url);
    const outcome = await page.evaluate(async ({ mcp, issuer }) => {
      const mcpCall = await fetch(mcp, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' }, body: '{}' }).then(
        (r) => `status ${r.status}`,
        (e: Error) => `blocked: ${e.name}`,
      );
      const token = await fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope', client_id: 'public-app' }) });
      return { mcpCall, tokenStatus: token.status, tokenError: ((await token.json()) as { error: string }).error };
    }, { mcp: server.resource, issuer: server.issuer });
    assert.equal(outcome.mcpCall, 'blocked: TypeError');
    assert.equal(outcome.tokenStatus, 400);
    assert.equal(outcome.tokenError, 'invalid_grant');
    await page.close();
  });
});
