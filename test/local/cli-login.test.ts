import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../helpers/browser.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { secretServiceMissing } from '../helpers/secret-service.js';
import { approveAndCopyAddress, approveDevice, approveLoopback } from './fixtures/person.js';
import { PROVIDER, SERVER, startLocalStack, type LocalStack } from './fixtures/local-stack.js';
import { filesHoldingTokens } from './fixtures/token-scan.js';

/** Starting the command through tsx can take a while on a loaded machine. */
const CLI_TIMEOUT_MS = 120_000;

const SERVICE = `gatehouse-local:${SERVER}`;
const ACCOUNT = `${PROVIDER}:default`;

/** Runs `gatehouse local login`, and hands the person what it printed once `pattern` shows on stderr. */
function startLogin(stack: LocalStack, args: string[], pattern: RegExp) {
  const child: ChildProcess = spawnCli(['local', 'login', ...args], stack.env);
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  const printed = new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d;
      const match = stderr.match(pattern);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`login exited ${code} before printing ${pattern}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, printed, exited, output: () => ({ stdout, stderr }) };
}

const entryTokens = (stack: LocalStack) => {
  const text = stack.secrets.lookup(SERVICE, ACCOUNT);
  return text === undefined ? undefined : (JSON.parse(text) as { tokens: { accessToken: string; refreshToken?: string }; identity: { subject: string } });
};

describe('gatehouse local login|status|logout against oidc-provider, Chromium as the person, a real Secret Service', { skip: chromiumMissing || secretServiceMissing }, () => {
  let stack: LocalStack;
  let browser: Browser;
  const logs: string[] = [];

  before(async () => {
    stack = await startLocalStack();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('loopback: the browser signs in, the listener takes the callback, the tokens land in the keychain', async () => {
    const login = startLogin(stack, ['--path', 'loopback'], /\n\s+(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)\n/);
    const [, url] = await login.printed;
    const authorization = new URL(url!);
    assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorization.searchParams.get('redirect_uri')!, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.ok(authorization.searchParams.get('state'));
    const page = await approveLoopback(browser, url!, 'ada');
    assert.match(page, /Signed in to corp as ada/);
    assert.equal(await login.exited, 0, login.output().stderr);
    const { stderr } = login.output();
    logs.push(stderr);
    assert.match(stderr, /in the browser \(the loopback sign-in was asked for\)/);
    assert.match(stderr, /Signed in to corp as ada \(loopback sign-in\)\. Tokens saved in the OS keychain \(service "gatehouse-local:demo-local", account "corp:default"\)/);
    const entry = entryTokens(stack);
    assert.ok(entry, 'secret-tool finds the entry');
    assert.equal(entry.identity.subject, 'ada');
    assert.ok(stack.upstream.issuedTokens().includes(entry.tokens.accessToken));
    assert.ok(entry.tokens.refreshToken);
  });

  it('status names who is signed in and where the tokens are, without a token', async () => {
    const result = await runCli(['local', 'status'], { env: stack.env, timeoutMs: CLI_TIMEOUT_MS });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /corp \(default\): signed in as ada/);
    assert.match(result.stdout, /refreshable/);
    assert.match(result.stdout, /kept in the OS keychain/);
    logs.push(result.stdout, result.stderr);
  });

  it('logout deletes the entry and revokes at the provider (RFC 7009)', async () => {
    const before = stack.upstream.revokedGrants();
    const result = await runCli(['local', 'logout'], { env: stack.env, timeoutMs: CLI_TIMEOUT_MS });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Signed out of corp: the saved tokens were deleted, and revoked at the provider/);
    assert.equal(stack.upstream.revokedGrants(), before + 1);
    assert.equal(stack.secrets.lookup(SERVICE, ACCOUNT), undefined);
    const again = await runCli(['local', 'status'], { env: stack.env, timeoutMs: CLI_TIMEOUT_MS });
    assert.match(again.stdout, /corp \(default\): not signed in/);
  });

  it('device flow (RFC 8628): the code is approved in the browser while the command polls', async () => {
    const login = startLogin(stack, ['--path', 'device'], /Open (\S+) and enter the code (\S+)\.\n/);
    const [, url, code] = await login.printed;
    assert.ok(url!.includes(encodeURIComponent(code!)) || url!.includes(code!), 'verification_uri_complete carries the code');
    await approveDevice(browser, url!, 'grace');
    assert.equal(await login.exited, 0, login.output().stderr);
    logs.push(login.output().stderr);
    assert.match(login.output().stderr, /Signed in to corp as grace \(device sign-in\)/);
    assert.equal(entryTokens(stack)?.identity.subject, 'grace');
  });

  it('paste: the person pastes the address the browser ended on', async () => {
    const login = startLogin(stack, ['--path', 'paste'], /\n\s+(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)\n[\s\S]*Address: $/);
    const [, url] = await login.printed;
    const landed = await approveAndCopyAddress(browser, url!, 'alan');
    login.child.stdin!.end(`${landed}\n`);
    assert.equal(await login.exited, 0, login.output().stderr);
    logs.push(login.output().stderr);
    assert.match(login.output().stderr, /Signed in to corp as alan \(paste sign-in\)/);
    assert.equal(entryTokens(stack)?.identity.subject, 'alan');
  });

  it('a pasted address that is not the redirect is refused and nothing is written', async () => {
    await runCli(['local', 'logout'], { env: stack.env, timeoutMs: CLI_TIMEOUT_MS });
    const login = startLogin(stack, ['--path', 'paste'], /Address: $/);
    await login.printed;
    login.child.stdin!.end('https://evil.example/callback?code=x&state=y\n');
    assert.equal(await login.exited, 1);
    assert.match(login.output().stderr, /The address must start with http:\/\/127\.0\.0\.1:\d+\/callback; nothing was saved/);
    assert.equal(stack.secrets.lookup(SERVICE, ACCOUNT), undefined);
  });

  it('after all of it, no token is in any file under HOME or the temp folder, nor in any output', () => {
    const tokens = stack.upstream.issuedTokens();
    assert.ok(tokens.length >= 6);
    assert.deepEqual(filesHoldingTokens([stack.env.HOME!, tmpdir()], tokens), []);
    for (const log of logs) for (const token of tokens) assert.ok(!log.includes(token), 'a token was printed');
  });
});
