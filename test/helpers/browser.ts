import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, driven headless by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Why browser suites cannot run here, or false when they can: in CI a missing Chromium is a
 * failure (thrown at import), elsewhere the suite skips with this reason, said out loud.
 */
export const chromiumMissing: string | false = (() => {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: the browser tests cannot run in CI`);
  const reason = `${CHROMIUM} is not installed`;
  console.warn(`SKIPPING browser tests: ${reason}`);
  return reason;
})();

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface SignInOptions {
  username: string;
  password: string;
  /** Save a full-page screenshot of the consent page here (a test artefact). */
  consentScreenshot?: string;
}

/** Fills and submits the sign-in form. */
export async function signIn(page: Page, options: SignInOptions): Promise<void> {
  await page.getByLabel('Username').fill(options.username);
  await page.getByLabel('Password').fill(options.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** On the consent page: keeps its screenshot if asked, and answers Allow. */
export async function allowConsent(page: Page, screenshot?: string): Promise<void> {
  const allow = page.getByRole('button', { name: 'Allow' });
  if (screenshot) {
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  await allow.click();
}

export interface AuthorizeInBrowserOptions extends SignInOptions {
  /** The client's redirect URI without query: the flow ends when the browser is sent there. */
  redirectUri: string;
  /**
   * `intercept` answers the redirect inside the browser (a client with no callback server);
   * `follow` lets it reach the real callback server (a client that runs one).
   */
  callback: 'intercept' | 'follow';
}

/**
 * What a person does at an MCP host's "Sign in" prompt: open the authorization URL in a fresh
 * browser context, sign in, read the consent page, press Allow. Returns the URL the
 * authorization server sent the browser back to (with `code`, `state`, `iss`).
 */
export async function authorizeInBrowser(browser: Browser, authorizationUrl: string | URL, options: AuthorizeInBrowserOptions): Promise<URL> {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  try {
    const page = await context.newPage();
    const isCallback = (url: URL) => url.href.split('?')[0] === options.redirectUri;
    let landed: URL | undefined;
    if (options.callback === 'intercept') {
      await page.route(isCallback, async (route) => {
        landed = new URL(route.request().url());
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Signed in. You can close this page.</h1>' });
      });
    }
    await page.goto(String(authorizationUrl));
    await signIn(page, options);
    // A consent the user already gave (same client, same scopes) is not asked again.
    const consentAsked = await Promise.race([
      page.getByRole('button', { name: 'Allow' }).waitFor().then(() => true),
      page.waitForURL(isCallback).then(() => false),
    ]);
    if (consentAsked) await allowConsent(page, options.consentScreenshot);
    else if (options.consentScreenshot) throw new Error('no consent page was shown (consent remembered), so there is no screenshot to keep');
    await page.waitForURL(isCallback);
    return landed ?? new URL(page.url());
  } finally {
    await context.close();
  }
}
