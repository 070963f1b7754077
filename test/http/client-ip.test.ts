import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientIp } from '../../src/http/client-ip.js';

const xff = (value: string) => new Headers({ 'x-forwarded-for': value });

test('without trusted proxies, X-Forwarded-For is ignored (anyone can write it)', () => {
  assert.equal(clientIp(xff('203.0.113.9'), '198.51.100.1', false), '198.51.100.1');
});

test('a hop count believes exactly that many proxies', () => {
  assert.equal(clientIp(xff('203.0.113.9, 192.0.2.7'), '10.0.0.2', 1), '192.0.2.7');
  assert.equal(clientIp(xff('203.0.113.9, 192.0.2.7'), '10.0.0.2', 2), '203.0.113.9');
  assert.equal(clientIp(xff('203.0.113.9'), '10.0.0.2', 5), '203.0.113.9');
});

test('a proxy list skips only trusted hops, so a forged first entry is not believed', () => {
  const trusted = ['10.0.0.0/8'];
  assert.equal(clientIp(xff('1.1.1.1, 203.0.113.9, 10.0.0.3'), '10.0.0.2', trusted), '203.0.113.9');
});

test('IPv4-mapped IPv6 peers are reported as IPv4; garbage entries are dropped', () => {
  assert.equal(clientIp(new Headers(), '::ffff:192.0.2.1', false), '192.0.2.1');
  assert.equal(clientIp(xff('not-an-ip, 203.0.113.9'), '10.0.0.2', ['10.0.0.2']), '203.0.113.9');
});
