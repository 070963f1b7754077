import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, startCli } from '../helpers/cli.js';

test('gatehouse --help lists the commands; serve --help documents its options', async () => {
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /serve\s+run the demo MCP server behind Gatehouse/);
  const serve = await runCli(['serve', '--help']);
  assert.equal(serve.code, 0);
  for (const option of ['--config', '--host', '--port', '--public-url', '--store', '--auth-mode']) {
    assert.ok(serve.stdout.includes(option), `serve --help mentions ${option}`);
  }
});

test('an unknown command is refused with the usage', async () => {
  const result = await runCli(['frobnicate']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /unknown command "frobnicate"/);
});

test('a bad configuration value stops start-up and names the field', async () => {
  const result = await runCli(['serve', '--store', 'memory'], { env: { GATEHOUSE_PORT: '"eighty"' } });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /configuration error: server\.port: .*\(from GATEHOUSE_PORT\)/);
});

test('a bad store URL is refused at start-up, naming store.url', async () => {
  const result = await runCli(['serve', '--port', '0', '--store', 'mysql://nope']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /store\.url/);
});

test('auth-off is refused on a non-loopback address', async () => {
  const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--store', 'memory', '--auth-mode', 'off']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /authMode: "off" is allowed only on a loopback address/);
});

test('a missing upstream credential stops start-up naming the variable', async () => {
  const config = JSON.stringify([{ name: 'DEMO_UPSTREAM_API_KEY', purpose: 'the weather API' }]);
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'gh-cli-')), 'config.json');
  writeFileSync(file, `{"requiredEnv": ${config}}`);
  const result = await runCli(['serve', '--config', file, '--port', '0', '--store', 'memory'], { env: { DEMO_UPSTREAM_API_KEY: '' } });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /DEMO_UPSTREAM_API_KEY: environment variable DEMO_UPSTREAM_API_KEY is not set \(needed for the weather API\)/);
});

test('serve prints the MCP URL and how to connect, and serves the resource metadata there', async () => {
  const { child, match, output } = await startCli(['serve', '--port', '0', '--store', 'memory'], /MCP endpoint:\s+(http:\/\/\S+)/);
  try {
    const mcpUrl = match[1]!;
    assert.match(mcpUrl, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(output().includes(`claude mcp add --transport http gatehouse-demo ${mcpUrl}`));
    assert.ok(output().includes('@modelcontextprotocol/inspector'));
    assert.match(output(), /Username: demo\n\s+Password: \S{12,}/, 'a first user and how to sign in');
    const prm = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', mcpUrl));
    assert.equal(prm.status, 200);
    const metadata = await prm.json();
    assert.equal(metadata.resource, mcpUrl);
    assert.deepEqual(metadata.scopes_supported, ['notes:read', 'notes:write'], "the demo's scopes are offered by default");
  } finally {
    child.kill('SIGTERM');
  }
});
