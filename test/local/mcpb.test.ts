import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.js';
import { secretServiceMissing, startSecretService, type SecretService } from '../helpers/secret-service.js';
import { launchDemoLocal, textOf } from './fixtures/demo-local-client.js';

const run = promisify(execFile);

/**
 * `npm run bundle:local`'s script builds the MCPB v0.4 bundle (mcpb validate, mcpb pack); the
 * .mcpb, unpacked into an empty folder away from this repository's node_modules, runs on Node
 * alone under an SDK v2 stdio client, native keychain binding included.
 */
describe('the local demo as an MCPB bundle', { skip: secretServiceMissing }, () => {
  let dir: string;
  let secrets: SecretService;
  let unpacked: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-mcpb-'));
    secrets = await startSecretService();
  });
  after(async () => {
    await secrets?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds: mcpb validate passes on a v0.4 manifest, mcpb pack makes the .mcpb', async () => {
    const bundle = join(dir, 'demo-local.mcpb');
    const { stdout } = await run(process.execPath, ['scripts/bundle-local.mjs', bundle], { cwd: ROOT });
    assert.match(stdout, /Manifest schema validation passes!/);
    unpacked = join(dir, 'unpacked');
    await run(join(ROOT, 'node_modules', '.bin', 'mcpb'), ['unpack', bundle, unpacked]);
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
    assert.equal(manifest.manifest_version, '0.4');
    assert.equal(manifest.server.type, 'node');
    assert.deepEqual(manifest.server.mcp_config.args, ['${__dirname}/server/index.js']);
    assert.equal(manifest.user_config.api_key.sensitive, true);
    assert.deepEqual(manifest.tools.map((t: { name: string }) => t.name), ['sign_text', 'upstream_whoami', 'upstream_sign_out']);
    assert.ok(manifest.compatibility.platforms.includes(process.platform));
    assert.deepEqual(readdirSync(join(unpacked, 'server')).sort(), ['index.js', 'node_modules', 'package.json']);
  });

  it('the unpacked bundle starts under a stdio client and answers tools/list and its tools', async () => {
    assert.ok(unpacked, 'the build test ran');
    const config = join(dir, 'local.json');
    writeFileSync(config, JSON.stringify({ server: 'demo-local', providers: [{ type: 'oidc', name: 'corp', issuer: 'http://127.0.0.1:9', clientIdEnv: 'DEMO_LOCAL_CLIENT_ID' }] }));
    const env = { ...secrets.env, HOME: dir, DEMO_LOCAL_API_KEY: 'bundle-key', DEMO_LOCAL_CLIENT_ID: 'c', GATEHOUSE_LOCAL_CONFIG: config, NODE_PATH: '' };
    const { client, close } = await launchDemoLocal(env, { command: { command: process.execPath, args: [join(unpacked, 'server', 'index.js')], cwd: unpacked } });
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), ['sign_text', 'upstream_sign_out', 'upstream_whoami']);
      assert.match(textOf(await client.callTool({ name: 'sign_text', arguments: { text: 'x' } })), /^HMAC-SHA256: [0-9a-f]{64}$/);
      // Reaches the keychain through the bundled native binding.
      assert.equal(textOf(await client.callTool({ name: 'upstream_sign_out', arguments: {} })), 'You were not signed in to corp.');
    } finally {
      await close();
    }
  });
});
