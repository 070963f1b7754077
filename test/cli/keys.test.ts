import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiKeyEntry } from '../../src/config/sections/resource.js';
import { hashSecret } from '../../src/crypto/hash.js';
import { postInitialize } from '../resource/helpers.js';
import { runCli, startCli } from '../helpers/cli.js';

function parseOutput(stdout: string): { key: string; entry: Record<string, unknown> } {
  const key = /^\s+(ghk_[A-Za-z0-9_-]{43})$/m.exec(stdout)?.[1];
  const entry = /^\s+(\{.*\})$/m.exec(stdout)?.[1];
  assert.ok(key && entry, `a key and a config entry in: ${stdout}`);
  return { key, entry: JSON.parse(entry) as Record<string, unknown> };
}

test('keys generate prints a fresh key once and the entry that accepts only its digest', async () => {
  const first = await runCli(['keys', 'generate', '--label', 'ci-bot', '--scopes', 'notes:read, notes:write']);
  assert.equal(first.code, 0, first.stderr);
  const { key, entry } = parseOutput(first.stdout);
  assert.deepEqual(entry, { label: 'ci-bot', hash: hashSecret(key), scopes: ['notes:read', 'notes:write'] });
  assert.ok(!JSON.stringify(entry).includes(key), 'the entry holds the digest, never the key');
  assert.ok(apiKeyEntry.safeParse(entry).success, 'the printed entry is valid config as printed');
  const second = parseOutput((await runCli(['keys', 'generate', '--label', 'ci-bot'])).stdout);
  assert.notEqual(second.key, key, 'every run makes a new key');
  assert.deepEqual(second.entry.scopes, []);
});

test('a generated key works against gatehouse serve when its entry is configured; another key does not', async () => {
  const { key, entry } = parseOutput((await runCli(['keys', 'generate', '--label', 'cli-e2e', '--scopes', 'notes:read'])).stdout);
  const stranger = parseOutput((await runCli(['keys', 'generate', '--label', 'stranger'])).stdout).key;
  const { child, match } = await startCli(
    ['serve', '--port', '0', '--store', 'memory', '--auth-mode', 'api-key'],
    /MCP endpoint:\s+(http:\/\/\S+)/,
    { GATEHOUSE_API_KEYS: JSON.stringify([entry]) },
  );
  try {
    const mcpUrl = match[1]!;
    const accepted = await postInitialize(mcpUrl, { Authorization: `Bearer ${key}` });
    assert.equal(accepted.status, 200);
    await accepted.body?.cancel();
    const refused = await postInitialize(mcpUrl, { Authorization: `Bearer ${stranger}` });
    assert.equal(refused.status, 401);
  } finally {
    child.kill('SIGTERM');
  }
});

for (const [args, field] of [
  [['keys', 'generate'], '--label'],
  [['keys', 'generate', '--label', 'has space'], '--label'],
  [['keys', 'generate', '--label', 'ok', '--scopes', 'notes:read,"quoted"'], '--scopes'],
  [['keys', 'make', '--label', 'ok'], 'keys'],
] as const) {
  test(`keys ${args.slice(1).join(' ')}: refused, naming ${field}`, async () => {
    const result = await runCli([...args]);
    assert.equal(result.code, 1);
    assert.ok(result.stderr.startsWith(`gatehouse: configuration error: ${field}: `), result.stderr);
    assert.doesNotMatch(result.stdout, /ghk_/, 'no key is printed when the command is refused');
  });
}
