import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressProblem, serverIsOnLoopback } from '../../src/clients/cimd/address-policy.js';
import { parseClientIdUrl } from '../../src/clients/cimd/url-rules.js';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { setupResolver } from './helpers/resolver-setup.js';

function refused(clientId: string, pattern: RegExp, allowHttpLocalhost = false): void {
  assert.throws(
    () => parseClientIdUrl(clientId, allowHttpLocalhost),
    (error: unknown) => error instanceof OAuthError && error.code === 'invalid_client' && pattern.test(error.description),
  );
}

test('client id URLs: https with a path, port allowed', () => {
  assert.equal(parseClientIdUrl('https://app.example/client.json', false).url.hostname, 'app.example');
  assert.equal(parseClientIdUrl('https://app.example:8443/oauth/client', false).url.port, '8443');
});

test('client id URLs: every bad form is refused with its reason', () => {
  refused('http://app.example/client.json', /must use https/);
  refused('https://app.example', /must have a path/);
  refused('https://app.example/', /must have a path/);
  refused('https://app.example/a/../client.json', /\. or \.\. segments/);
  refused('https://app.example/./client.json', /\. or \.\. segments/);
  refused('https://app.example/a/%2e%2e/client.json', /\. or \.\. segments/);
  refused('https://app.example/client.json#frag', /fragment/);
  refused('https://app.example/client.json#', /fragment/);
  refused('https://user:pw@app.example/client.json', /user information/);
  refused('https://user@app.example/client.json', /user information/);
  refused('https://app.example/client.json?v=1', /query/);
  refused('https://APP.example/client.json', /normalised form/);
  refused('https://app.example:443/client.json', /normalised form/);
  refused('https:///nohost', /./);
});

test('development option: http on loopback only, and flagged', () => {
  refused('http://localhost:3000/client.json', /must use https/);
  assert.equal(parseClientIdUrl('http://localhost:3000/client.json', true).development, true);
  assert.equal(parseClientIdUrl('http://127.0.0.1:3000/client.json', true).development, true);
  refused('http://app.example/client.json', /must use https/, true);
});

test('address policy: only global unicast passes; loopback only when allowed', () => {
  const strict = { allowLoopback: false };
  assert.equal(addressProblem('93.184.216.34', strict), undefined);
  assert.equal(addressProblem('2606:4700::1111', strict), undefined);
  for (const address of ['10.0.0.1', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', 'fd00::1', 'fe80::1', '::', 'ff02::1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:a00:1::', '127.0.0.1', '::1']) {
    assert.ok(addressProblem(address, strict), `${address} must be refused`);
  }
  assert.equal(addressProblem('127.0.0.1', { allowLoopback: true }), undefined);
  assert.ok(addressProblem('10.0.0.1', { allowLoopback: true }));
});

test('the loopback exception needs both a loopback bind and a loopback public URL', () => {
  assert.equal(serverIsOnLoopback('127.0.0.1', 'http://127.0.0.1:8787'), true);
  assert.equal(serverIsOnLoopback('localhost', 'http://localhost:8787'), true);
  assert.equal(serverIsOnLoopback('127.0.0.1', 'https://as.example.com'), false);
  assert.equal(serverIsOnLoopback('0.0.0.0', 'http://localhost:8787'), false);
});

test('CIMD disabled: an https client_id is refused as such', async () => {
  const { resolver } = await setupResolver({ cimd: { enabled: false } });
  await assert.rejects(resolver.resolve('https://app.example/client.json'), (error: unknown) => error instanceof OAuthError && /does not accept client metadata document URLs/.test(error.description));
});
