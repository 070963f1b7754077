import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { hashSecret, newSecret } from '../../src/crypto/hash.js';
import { BASIC_SECRET, basicHeader, callMcp, insecure, startTokenServer, type TokenServer } from './fixtures/harness.js';

const RS_SECRET = newSecret();
const RS = basicHeader('mcp-rs', RS_SECRET);

const introspect = async (server: TokenServer, token: string, auth: Record<string, string> = { Authorization: RS }, hint?: string) => {
  const response = await server.post('/introspect', { token, ...(hint ? { token_type_hint: hint } : {}) }, auth);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return (await response.json()) as Record<string, unknown>;
};

const revoke = (server: TokenServer, token: string, clientId = 'public-app', hint?: string) =>
  server.post('/revoke', { token, client_id: clientId, ...(hint ? { token_type_hint: hint } : {}) });

for (const format of ['jwt', 'opaque'] as const) {
  describe(`revocation and introspection (${format} access tokens)`, () => {
    let server: TokenServer;
    before(async () => {
      server = await startTokenServer({
        accessTokenFormat: format,
        introspectionCredentials: [{ id: 'mcp-rs', secretHash: hashSecret(RS_SECRET) }],
      });
    });
    after(() => server.close());

    it('introspects an access token for a resource server: active with its details', async () => {
      const { access_token } = await server.obtainTokens();
      if (format === 'opaque') assert.match(access_token, /^gat_/);
      const info = await introspect(server, access_token);
      assert.equal(info.active, true);
      assert.equal(info.client_id, 'public-app');
      assert.equal(info.sub, 'user-1');
      assert.equal(info.aud, server.resource);
      assert.equal(info.iss, server.issuer);
      assert.equal(info.scope, 'notes:read notes:write');
      assert.equal(info.token_type, 'Bearer');
      assert.equal((info.exp as number) - (info.iat as number), 900);
    });

    it('introspects with oauth4webapi as a confidential client (its own token)', async () => {
      const { access_token } = await server.obtainTokens('basic-app', { Authorization: basicHeader('basic-app', BASIC_SECRET) });
      const client = { client_id: 'basic-app' };
      const response = await oauth.introspectionRequest(server.as, client, oauth.ClientSecretBasic(BASIC_SECRET), access_token, insecure);
      const info = await oauth.processIntrospectionResponse(server.as, client, response);
      assert.equal(info.active, true);
      assert.equal(info.client_id, 'basic-app');
    });

    it("tells a confidential client nothing about another client's token", async () => {
      const { access_token } = await server.obtainTokens();
      assert.deepEqual(await introspect(server, access_token, { Authorization: basicHeader('basic-app', BASIC_SECRET) }), { active: false });
    });

    it('introspects a refresh token', async () => {
      const { refresh_token } = await server.obtainTokens();
      const info = await introspect(server, refresh_token, { Authorization: RS }, 'refresh_token');
      assert.equal(info.active, true);
      assert.equal(info.client_id, 'public-app');
      assert.equal('token_type' in info, false);
    });

    it('answers only active:false for unknown tokens', async () => {
      assert.deepEqual(await introspect(server, 'gat_nothing'), { active: false });
      assert.deepEqual(await introspect(server, 'a.b.c'), { active: false });
    });

    it('refuses public clients, missing and wrong credentials', async () => {
      const { access_token } = await server.obtainTokens();
      const asPublic = await server.post('/introspect', { token: access_token, client_id: 'public-app' });
      assert.equal(asPublic.status, 401);
      assert.equal(((await asPublic.json()) as { error: string }).error, 'invalid_client');
      const wrong = await server.post('/introspect', { token: access_token }, { Authorization: basicHeader('mcp-rs', 'wrong') });
      assert.equal(wrong.status, 401);
      assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic/);
      const noToken = await server.post('/introspect', {}, { Authorization: RS });
      assert.equal(noToken.status, 400);
    });

    it('revoking a refresh token revokes its grant: the refresh and access tokens go inactive', async () => {
      const { access_token, refresh_token, grantId } = await server.obtainTokens();
      const response = await revoke(server, refresh_token, 'public-app', 'refresh_token');
      assert.equal(response.status, 200);
      assert.ok((await server.running.store.getGrant(grantId))?.revokedAt !== undefined);
      assert.deepEqual(await introspect(server, refresh_token), { active: false });
      assert.deepEqual(await introspect(server, access_token), { active: false });
      const guarded = await callMcp(server, access_token);
      assert.equal(guarded.status, 401, 'the co-hosted guard refuses it too');
      await guarded.body?.cancel();
    });

    it('revoking an access token takes it out of service', async () => {
      const { access_token, refresh_token } = await server.obtainTokens();
      const client = { client_id: 'public-app' };
      const response = await oauth.revocationRequest(server.as, client, oauth.None(), access_token, insecure);
      await oauth.processRevocationResponse(response);
      assert.deepEqual(await introspect(server, access_token), { active: false });
      const guarded = await callMcp(server, access_token);
      assert.equal(guarded.status, 401, 'the co-hosted guard refuses it too');
      await guarded.body?.cancel();
      // An opaque token goes alone; a JWT can only be disowned through its grant.
      assert.equal((await introspect(server, refresh_token)).active, format === 'opaque');
    });

    it('answers 200 for an unknown token, and for another client\'s token without revoking it', async () => {
      assert.equal((await revoke(server, 'grt_unknown')).status, 200);
      const { access_token, refresh_token } = await server.obtainTokens();
      assert.equal((await revoke(server, refresh_token, 'public-app-2')).status, 200);
      assert.equal((await revoke(server, access_token, 'public-app-2')).status, 200);
      assert.equal((await introspect(server, refresh_token)).active, true);
      assert.equal((await introspect(server, access_token)).active, true);
    });

    it('requires client authentication and a token', async () => {
      const unauthenticated = await server.post('/revoke', { token: 'x' });
      assert.equal(unauthenticated.status, 401);
      const wrongSecret = await server.post('/revoke', { token: 'x' }, { Authorization: basicHeader('basic-app', 'nope') });
      assert.equal(wrongSecret.status, 401);
      const missing = await server.post('/revoke', { client_id: 'public-app' });
      assert.equal(missing.status, 400);
    });
  });
}

describe('opaque access tokens at rest', () => {
  it('are stored only as digests and accepted by the co-hosted guard', async () => {
    const server = await startTokenServer({ accessTokenFormat: 'opaque' });
    try {
      const { access_token } = await server.obtainTokens();
      const record = await server.running.store.findAccessToken(hashSecret(access_token), Date.now());
      assert.equal(record?.clientId, 'public-app');
      assert.equal(await server.running.store.findAccessToken(access_token, Date.now()), undefined);
      const response = await callMcp(server, access_token);
      assert.equal(response.status, 200);
      await response.body?.cancel();
    } finally {
      await server.close();
    }
  });
});
