import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../helpers/browser.js';
import { addTestUser, authorizeUrl, PASSWORD, startHarness, USERNAME, type Harness } from './fixtures/harness.js';

/**
 * The client side of the flow: records the callback, and serves an "attacker" page that tries to
 * frame the consent page.
 */
async function startClientSite(): Promise<{ server: Server; origin: string; callbacks: URL[] }> {
  const callbacks: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') {
      callbacks.push(url);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Client got the answer</h1>');
    } else if (url.pathname === '/frame') {
      const target = url.searchParams.get('target') ?? '';
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<iframe id="victim" src="${target.replace(/"/g, '&quot;')}" width="600" height="600"></iframe>`);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, callbacks };
}

describe('login and consent in Chromium', { skip: chromiumMissing }, () => {
  let h: Harness;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startClientSite>>;
  before(async () => {
    h = await startHarness();
    // One user per test, so that no test finds consent remembered by another.
    await addTestUser(h.gh, 'denier');
    await addTestUser(h.gh, 'framed');
    site = await startClientSite();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    site?.server.close();
    await h?.close();
  });

  it('signs in, shows the consent page, and Allow lands on the client with code, state and iss', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    const redirect = `${site.origin}/callback`;
    await page.goto(authorizeUrl(h.base, { redirect_uri: redirect, state: 'from-chromium', scope: 'notes:read notes:write' }));
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    assert.match(await page.textContent('body') ?? '', /127\.0\.0\.1:\d+/);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/consent.png', fullPage: true });

    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(/\/callback\?/);
    const landed = site.callbacks.at(-1)!;
    assert.ok(landed.searchParams.get('code'));
    assert.equal(landed.searchParams.get('state'), 'from-chromium');
    assert.equal(landed.searchParams.get('iss'), h.gh.gatehouse.deps.urls.issuer);
    await context.close();
  });

  it('Deny lands on the client with access_denied', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(authorizeUrl(h.base, { redirect_uri: `${site.origin}/callback`, state: 'no-thanks', scope: 'notes:write' }));
    await page.getByLabel('Username').fill('denier');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(/\/callback\?/);
    const landed = site.callbacks.at(-1)!;
    assert.equal(landed.searchParams.get('error'), 'access_denied');
    assert.equal(landed.searchParams.get('state'), 'no-thanks');
    await context.close();
  });

  it('a page on another site cannot frame the sign-in or consent pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Sign in first, so a framed consent page would have something to show.
    await page.goto(authorizeUrl(h.base, { redirect_uri: `${site.origin}/callback`, scope: 'notes:write' }));
    const loginUrl = page.url();
    await page.getByLabel('Username').fill('framed');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    for (const target of [page.url(), loginUrl]) {
      const attacker = await context.newPage();
      await attacker.goto(`${site.origin}/frame?target=${encodeURIComponent(target)}`);
      await attacker.waitForTimeout(500);
      const framed = attacker.frames().find((f) => f !== attacker.mainFrame());
      assert.ok(framed);
      const buttons = await framed.locator('button').count().catch(() => 0);
      assert.equal(buttons, 0, `the framed page at ${target} must stay blank`);
      await attacker.close();
    }
    await context.close();
  });
});
