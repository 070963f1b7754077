import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { SignJWT, generateKeyPair } from 'jose';
import { serverUrls } from '../../src/app/urls.js';
import { parseConfig } from '../../src/config/load.js';
import { newId } from '../../src/crypto/hash.js';
import { safeJwksFetcher } from '../../src/token/client-auth/fetch-client-jwks.js';
import { BASIC_SECRET, POST_SECRET, REDIRECT_URI, basicHeader, callback, insecure, startTokenServer, type TokenServer } from './fixtures/harness.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

async function errorOf(response: Response, status: number): Promise<string> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return ((await response.json()) as { error: string }).error;
}

describe('client authentication at /token', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer();
  });
  after(() => server.close());

  const codeParams = async (clientId: string) => {
    const { code, verifier } = await server.issueCode(clientId);
    return { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI };
  };
  const assertion = (claims: Record<string, unknown>, key = server.jwtClientKey) =>
    new SignJWT({ jti: newId(), ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'client-key-1' })
      .setIssuer('jwt-app')
      .setSubject('jwt-app')
      .setAudience(`${server.issuer}/token`)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(key);

  it('client_secret_basic: accepts the right secret (oauth4webapi)', async () => {
    const { code, verifier } = await server.issueCode('basic-app');
    const client = { client_id: 'basic-app' };
    const response = await oauth.authorizationCodeGrantRequest(server.as, client, oauth.ClientSecretBasic(BASIC_SECRET), callback(server, 'basic-app', code), REDIRECT_URI, verifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(server.as, client, response);
    assert.ok(tokens.access_token);
  });

  it('client_secret_basic: a wrong secret is 401 invalid_client with a Basic challenge', async () => {
    const response = await server.post('/token', await codeParams('basic-app'), { Authorization: basicHeader('basic-app', 'wrong-secret') });
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic realm=/);
    assert.equal(await errorOf(response, 401), 'invalid_client');
  });

  it('client_secret_basic: an unknown client id is 401 with a Basic challenge', async () => {
    const response = await server.post('/token', await codeParams('basic-app'), { Authorization: basicHeader('nobody', BASIC_SECRET) });
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic /);
    assert.equal(await errorOf(response, 401), 'invalid_client');
  });

  it('client_secret_post: right secret works, wrong secret is 401 without a Basic challenge', async () => {
    const ok = await server.post('/token', { ...(await codeParams('post-app')), client_id: 'post-app', client_secret: POST_SECRET });
    assert.equal(ok.status, 200);
    const bad = await server.post('/token', { ...(await codeParams('post-app')), client_id: 'post-app', client_secret: 'nope' });
    assert.equal(bad.headers.get('www-authenticate'), null);
    assert.equal(await errorOf(bad, 401), 'invalid_client');
  });

  it('refuses a method other than the one registered (confidential client acting public, Basic for a post client)', async () => {
    const asPublic = await server.post('/token', { ...(await codeParams('basic-app')), client_id: 'basic-app' });
    assert.equal(await errorOf(asPublic, 401), 'invalid_client');
    const viaBasic = await server.post('/token', await codeParams('post-app'), { Authorization: basicHeader('post-app', POST_SECRET) });
    assert.equal(await errorOf(viaBasic, 401), 'invalid_client');
  });

  it('refuses two authentication methods in one request', async () => {
    const response = await server.post('/token', { ...(await codeParams('basic-app')), client_id: 'basic-app', client_secret: BASIC_SECRET }, {
      Authorization: basicHeader('basic-app', BASIC_SECRET),
    });
    assert.equal(await errorOf(response, 400), 'invalid_request');
  });

  it('private_key_jwt: accepts a signed assertion (oauth4webapi)', async () => {
    const { code, verifier } = await server.issueCode('jwt-app');
    const client = { client_id: 'jwt-app' };
    const auth = oauth.PrivateKeyJwt({ key: server.jwtClientKey, kid: 'client-key-1' });
    const response = await oauth.authorizationCodeGrantRequest(server.as, client, auth, callback(server, 'jwt-app', code), REDIRECT_URI, verifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(server.as, client, response);
    assert.ok(tokens.access_token);
  });

  it('private_key_jwt: refuses a replayed jti', async () => {
    const jwt = await assertion({});
    const first = await server.post('/token', { ...(await codeParams('jwt-app')), client_assertion_type: JWT_BEARER, client_assertion: jwt });
    assert.equal(first.status, 200);
    const replay = await server.post('/token', { ...(await codeParams('jwt-app')), client_assertion_type: JWT_BEARER, client_assertion: jwt });
    assert.equal(await errorOf(replay, 401), 'invalid_client');
  });

  it('private_key_jwt: refuses a wrong audience, a missing exp, a far exp, a missing jti, and a foreign key', async () => {
    const send = async (jwt: string) =>
      errorOf(await server.post('/token', { ...(await codeParams('jwt-app')), client_assertion_type: JWT_BEARER, client_assertion: jwt }), 401);
    const wrongAud = await new SignJWT({ jti: newId() })
      .setProtectedHeader({ alg: 'ES256' }).setIssuer('jwt-app').setSubject('jwt-app').setAudience('https://elsewhere.example/token')
      .setIssuedAt().setExpirationTime('60s').sign(server.jwtClientKey);
    assert.equal(await send(wrongAud), 'invalid_client');
    const noExp = await new SignJWT({ jti: newId() })
      .setProtectedHeader({ alg: 'ES256' }).setIssuer('jwt-app').setSubject('jwt-app').setAudience(server.issuer).setIssuedAt().sign(server.jwtClientKey);
    assert.equal(await send(noExp), 'invalid_client');
    const farExp = await new SignJWT({ jti: newId() })
      .setProtectedHeader({ alg: 'ES256' }).setIssuer('jwt-app').setSubject('jwt-app').setAudience(server.issuer)
      .setIssuedAt().setExpirationTime('2h').sign(server.jwtClientKey);
    assert.equal(await send(farExp), 'invalid_client');
    const noJti = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' }).setIssuer('jwt-app').setSubject('jwt-app').setAudience(server.issuer)
      .setIssuedAt().setExpirationTime('60s').sign(server.jwtClientKey);
    assert.equal(await send(noJti), 'invalid_client');
    const other = await generateKeyPair('ES256');
    assert.equal(await send(await assertion({}, other.privateKey)), 'invalid_client');
  });

  it('private_key_jwt: refuses a wrong assertion type and an assertion whose sub differs from client_id', async () => {
    const wrongType = await server.post('/token', { ...(await codeParams('jwt-app')), client_assertion_type: 'urn:example:other', client_assertion: await assertion({}) });
    assert.equal(await errorOf(wrongType, 400), 'invalid_request');
    const mismatch = await server.post('/token', { ...(await codeParams('jwt-app')), client_id: 'public-app', client_assertion_type: JWT_BEARER, client_assertion: await assertion({}) });
    assert.equal(await errorOf(mismatch, 401), 'invalid_client');
  });
});

describe('private_key_jwt keys from jwks_uri', () => {
  it('refuses to fetch a jwks_uri on a private address (SSRF), before connecting', async () => {
    const config = parseConfig({ logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
    const fetcher = safeJwksFetcher({ config, urls: serverUrls('http://127.0.0.1:1', '/mcp'), now: Date.now });
    await assert.rejects(fetcher('https://10.1.2.3/jwks.json'));
    await assert.rejects(fetcher('https://169.254.169.254/jwks.json'));
  });
});
