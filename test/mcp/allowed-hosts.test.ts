import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { RunningGatehouse } from '../../src/app/start.js';
import { signingKey, startGuarded } from '../resource/helpers.js';

/** The status of a POST to `url` with this `Host` header (fetch would not let us set it). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { Host: host, 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('server.allowedHosts is normalised at start-up', () => {
  let running: RunningGatehouse;
  before(async () => {
    running = await startGuarded(await signingKey(), {}, { server: { allowedHosts: ['MCP.Example.COM', '::1', 'Bücher.example'] } });
  });
  after(() => running.close());

  it('entries written in any case, a bare IPv6 address and an IDN match the Host headers clients send', async () => {
    // 401: the Host passed and the guard moved on to ask for a token.
    for (const host of ['mcp.example.com', 'mcp.example.com:8443', 'MCP.EXAMPLE.com', '[::1]', '[::1]:9000', 'xn--bcher-kva.example']) {
      assert.equal(await statusWithHost(running.mcpUrl, host), 401, host);
    }
    for (const host of ['example.com', 'mcp.example.com.evil.example', '[::2]']) {
      assert.equal(await statusWithHost(running.mcpUrl, host), 403, host);
    }
  });

  it('an entry with a port, scheme, path or user information stops start-up, naming the field', async () => {
    const key = await signingKey();
    for (const [entry, reason] of [
      ['mcp.example.com:8443', /must not include a port/],
      ['[::1]:8080', /must not include a port/],
      ['https://mcp.example.com', /without a scheme/],
      ['mcp.example.com/mcp', /without a path/],
      ['admin@mcp.example.com', /without user information/],
      ['mcp example.com', /not a valid host name/],
      ['', /is empty/],
    ] as const) {
      await assert.rejects(startGuarded(key, {}, { server: { allowedHosts: ['localhost', entry] } }), (error: Error) => {
        assert.equal(error.name, 'ConfigError');
        assert.ok(error.message.startsWith('server.allowedHosts.1: '), error.message);
        assert.match(error.message, reason);
        return true;
      });
    }
  });
});
