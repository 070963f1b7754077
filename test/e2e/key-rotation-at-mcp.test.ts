import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { startTokenServer, type TokenServer } from '../token/fixtures/harness.js';
import { postInitialize } from './fixtures/stack.js';

/**
 * The guard on /mcp verifies the co-hosted server's JWTs with the token service's own key set,
 * in process: after a rotation, tokens signed by the retiring key keep working until they expire,
 * and tokens from the new key work at once (no JWKS fetch, no reload cool-down to wait out).
 */
describe('signing key rotation, seen from /mcp', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer({ keyRotationPeriod: 1 });
  });
  after(() => server.close());

  it('accepts tokens of the retiring key and of the new active key', async () => {
    const older = await server.obtainTokens();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const newer = await server.obtainTokens();
    assert.notEqual(decodeProtectedHeader(older.access_token).kid, decodeProtectedHeader(newer.access_token).kid, 'the key rotated');

    for (const [which, token] of [['new key', newer.access_token], ['retiring key', older.access_token]] as const) {
      const response = await postInitialize(server.resource, token);
      assert.equal(response.status, 200, `${which}: ${await response.text()}`);
    }
  });
});
