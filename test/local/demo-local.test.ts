import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ElicitRequest } from '@modelcontextprotocol/client';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../helpers/browser.js';
import { ROOT } from '../helpers/cli.js';
import { secretServiceMissing } from '../helpers/secret-service.js';
import { launchDemoLocal, textOf, type DemoLocalClient } from './fixtures/demo-local-client.js';
import { demoEntry } from './fixtures/entry.js';
import { approveLoopback } from './fixtures/person.js';
import { startLocalStack, type LocalStack } from './fixtures/local-stack.js';

/**
 * The local demo launched by SDK v2 clients over stdio, against oidc-provider: the Tier 1 tool,
 * sign-in from inside a tool call (URL-mode elicitation, and the tool-result fallback), one
 * refresh for 20 concurrent calls and for two processes, and a refused refresh token.
 */
describe('demo-local over stdio (SDK v2 client, StdioClientTransport)', { skip: chromiumMissing || secretServiceMissing }, () => {
  let stack: LocalStack;
  let browser: Browser;
  let env: Record<string, string>;
  const open: DemoLocalClient[] = [];
  const launch = async (...args: Parameters<typeof launchDemoLocal>) => {
    const launched = await launchDemoLocal(...args);
    open.push(launched);
    return launched;
  };

  before(async () => {
    stack = await startLocalStack();
    env = { ...stack.env, GATEHOUSE_LOCAL_SIGN_IN: 'loopback' };
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of open) await c.close().catch(() => {});
    await browser?.close();
    await stack?.close();
  });

  it('lists its tools and signs a text with the Tier 1 key', async () => {
    const { client } = await launch(env);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['sign_text', 'upstream_sign_out', 'upstream_whoami']);
    const result = await client.callTool({ name: 'sign_text', arguments: { text: 'hello' } });
    assert.deepEqual(result.structuredContent, { signature: createHmac('sha256', env.DEMO_LOCAL_API_KEY!).update('hello').digest('hex') });
  });

  it('without DEMO_LOCAL_API_KEY it stops at start-up naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo-local/server.ts'], { cwd: ROOT, env: { ...process.env, ...env, DEMO_LOCAL_API_KEY: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.equal(stdout, '', 'stdout stays the MCP channel');
    assert.match(stderr, /gatehouse-demo-local: cannot start: DEMO_LOCAL_API_KEY: environment variable DEMO_LOCAL_API_KEY is not set \(needed for the sign_text tool\)/);
  });

  it('a client with URL-mode elicitation is asked to open the sign-in URL, and the call then answers', async () => {
    const asked: ElicitRequest['params'][] = [];
    const { client } = await launch(env, { capabilities: { elicitation: { url: {} } } });
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(request.params);
      assert.equal(request.params.mode, 'url');
      const url = (request.params as { url: string }).url;
      // The host shows the URL; the person opens it and signs in.
      await approveLoopback(browser, url, 'ada');
      return { action: 'accept' };
    });
    const result = await client.callTool({ name: 'upstream_whoami', arguments: {} });
    assert.equal(result.isError, undefined, textOf(result));
    assert.match(textOf(result), /At corp you are Upstream ada\./);
    assert.equal(asked.length, 1);
    const params = asked[0] as { url: string; message: string; elicitationId?: string };
    assert.match(params.url, /^http:\/\/127\.0\.0\.1:\d+\/auth\?/);
    assert.ok(params.elicitationId, '2025-11-25 URL mode carries an elicitationId');
    assert.match(params.message, /Sign in to corp/);
    assert.ok(await demoEntry(stack.secrets).read());
  });

  it('declining the elicitation saves nothing and says so', async () => {
    const { client } = await launch(env, { capabilities: { elicitation: { url: {} } } });
    await client.callTool({ name: 'upstream_sign_out', arguments: {} });
    client.setRequestHandler('elicitation/create', async () => ({ action: 'decline' }));
    const result = await client.callTool({ name: 'upstream_whoami', arguments: {} });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Sign-in to corp was declined; nothing was saved\./);
    assert.equal(await demoEntry(stack.secrets).read(), undefined);
  });

  it('a client without elicitation gets a tool result saying where to sign in; the next call answers', async () => {
    const { client } = await launch(env);
    const first = await client.callTool({ name: 'upstream_whoami', arguments: {} });
    assert.equal(first.isError, true);
    const match = textOf(first).match(/You are not signed in to corp\. Sign in first\. Open (http:\/\/127\.0\.0\.1:\d+\/auth\?\S+) to sign in to corp, then call this tool again\./);
    assert.ok(match, textOf(first));
    await approveLoopback(browser, match[1]!, 'ada');
    const second = await client.callTool({ name: 'upstream_whoami', arguments: {} });
    assert.match(textOf(second), /At corp you are Upstream ada\./);
  });

  it('20 concurrent calls with an expired token refresh once at the provider, and the rotated token is saved', async () => {
    const { client } = await launch(env);
    const entry = demoEntry(stack.secrets);
    const old = (await entry.read())!;
    await entry.expire();
    const before = stack.upstream.refreshCount();
    const results = await Promise.all(Array.from({ length: 20 }, () => client.callTool({ name: 'upstream_whoami', arguments: {} })));
    for (const r of results) assert.match(textOf(r), /At corp you are Upstream ada\./);
    assert.equal(stack.upstream.refreshCount(), before + 1);
    const now = (await entry.read())!;
    assert.notEqual(now.tokens.refreshToken, old.tokens.refreshToken, 'the rotated refresh token was saved');
    assert.ok(now.tokens.expiresAt! > Date.now());
  });

  it('two processes of the server with an expired token refresh once between them', async () => {
    const a = await launch(env);
    const b = await launch(env);
    await demoEntry(stack.secrets).expire();
    const before = stack.upstream.refreshCount();
    const results = await Promise.all([a, b, a, b].map(({ client }) => client.callTool({ name: 'upstream_whoami', arguments: {} })));
    for (const r of results) assert.match(textOf(r), /At corp you are Upstream ada\./);
    assert.equal(stack.upstream.refreshCount(), before + 1);
  });

  it('a refresh token the provider no longer accepts ends in a clean "sign in again", the dead entry gone', async () => {
    const { client } = await launch(env);
    await demoEntry(stack.secrets).expire();
    stack.upstream.revokeRefreshTokens();
    const result = await client.callTool({ name: 'upstream_whoami', arguments: {} });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /corp no longer accepts the saved sign-in \(invalid_grant\): sign in again\. Open http:\/\/127\.0\.0\.1:\d+\/auth\?\S+ to sign in to corp/);
    assert.equal(await demoEntry(stack.secrets).read(), undefined);
  });
});
