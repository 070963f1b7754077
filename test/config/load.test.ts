import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors/config-error.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gh-config-')), 'gatehouse.json');
  writeFileSync(file, content);
  return file;
}

test('defaults: loopback, port 8787, embedded SQLite, OAuth', () => {
  const config = loadConfig({ env: {} });
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.server.port, 8787);
  assert.equal(config.store.url, 'sqlite:./data/gatehouse.db');
  assert.equal(config.authMode, 'oauth');
  assert.ok(Object.isFrozen(config.server), 'the config is frozen');
});

test('file, then overrides, then environment', () => {
  const file = tempFile('{"server": {"port": 9001, "host": "127.0.0.2"}, "logLevel": "warn"}');
  const config = loadConfig({ file, overrides: { server: { port: 9002 } }, env: { GATEHOUSE_HOST: '127.0.0.3' } });
  assert.equal(config.server.port, 9002);
  assert.equal(config.server.host, '127.0.0.3');
  assert.equal(config.logLevel, 'warn');
});

test('an unknown field is refused, naming it', () => {
  const error = configError(() => parseConfig({ server: { prot: 1 } }));
  assert.equal(error.field, 'server');
  assert.match(error.message, /unknown field\(s\) prot/);
});

test('each bad value is refused naming its field', () => {
  const cases: Array<[unknown, string]> = [
    [{ server: { port: 70000 } }, 'server.port'],
    [{ server: { publicUrl: 'https://mcp.example.com/' } }, 'server.publicUrl'],
    [{ server: { publicUrl: 'ftp://mcp.example.com' } }, 'server.publicUrl'],
    [{ server: { mcpPath: 'mcp' } }, 'server.mcpPath'],
    [{ server: { trustProxy: ['10.0.0.0/33'] } }, 'server.trustProxy.0'],
    [{ store: { url: 'mysql://db' } }, 'store.url'],
    [{ authMode: 'maybe' }, 'authMode'],
    [{ requiredEnv: [{ name: '1BAD', purpose: 'x' }] }, 'requiredEnv.0.name'],
  ];
  for (const [input, field] of cases) {
    assert.equal(configError(() => parseConfig(input)).field, field, JSON.stringify(input));
  }
});

test('a bad environment value names the variable it came from', () => {
  const error = configError(() => loadConfig({ env: { GATEHOUSE_AUTH_MODE: 'sometimes' } }));
  assert.equal(error.field, 'authMode');
  assert.match(error.message, /\(from GATEHOUSE_AUTH_MODE\)/);
});

test('an unreadable or non-JSON config file is refused', () => {
  assert.match(configError(() => loadConfig({ file: '/nonexistent/gatehouse.json', env: {} })).message, /cannot read/);
  assert.match(configError(() => loadConfig({ file: tempFile('{ nope'), env: {} })).message, /not valid JSON/);
  assert.match(configError(() => loadConfig({ file: tempFile('[1]'), env: {} })).message, /JSON object/);
});

test("a program's defaults sit under the file: the file can replace them", () => {
  const defaults = { resource: { scopesSupported: ['notes:read'] }, logLevel: 'debug' };
  assert.deepEqual(loadConfig({ defaults, env: {} }).resource.scopesSupported, ['notes:read']);
  const file = tempFile('{"resource": {"scopesSupported": ["files:read"]}}');
  const config = loadConfig({ file, defaults, env: {} });
  assert.deepEqual(config.resource.scopesSupported, ['files:read']);
  assert.equal(config.logLevel, 'debug');
});
