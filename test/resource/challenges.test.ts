import assert from 'node:assert/strict';
import { sign, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT, base64url, exportSPKI, importJWK } from 'jose';
import type { RunningGatehouse } from '../../src/app/start.js';
import { ISSUER, SCOPES, challengeAttributes, mintJwt, postInitialize, signingKey, startGuarded, type SigningKey } from './helpers.js';

describe('challenges at /mcp (RFC 6750 §3, RFC 9728 §5.1)', () => {
  let key: SigningKey;
  let running: RunningGatehouse;
  let metadataUrl: string;
  before(async () => {
    key = await signingKey();
    running = await startGuarded(key);
    metadataUrl = `${running.url}/.well-known/oauth-protected-resource/mcp`;
  });
  after(() => running.close());

  async function expectInvalidToken(response: Response): Promise<void> {
    assert.equal(response.status, 401);
    const attrs = challengeAttributes(response.headers.get('www-authenticate'));
    assert.equal(attrs.error, 'invalid_token');
    assert.equal(attrs.resource_metadata, metadataUrl);
    assert.equal(attrs.scope, SCOPES.join(' '));
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_token');
  }

  it('401 without an error attribute when no credentials are sent', async () => {
    const response = await postInitialize(running.mcpUrl);
    assert.equal(response.status, 401);
    const header = response.headers.get('www-authenticate')!;
    assert.equal(header, `Bearer resource_metadata="${metadataUrl}", scope="notes:read notes:write"`);
    assert.equal(response.headers.get('content-type'), 'application/json');
  });

  it('never reads a token from the query string', async () => {
    const token = await mintJwt(key, running.mcpUrl);
    const response = await postInitialize(`${running.mcpUrl}?access_token=${token}`);
    assert.equal(response.status, 401);
    assert.equal(challengeAttributes(response.headers.get('www-authenticate')).error, undefined);
  });

  it('treats another scheme as no Bearer credentials', async () => {
    const response = await postInitialize(running.mcpUrl, { Authorization: 'Basic YWxpY2U6c2VjcmV0' });
    assert.equal(response.status, 401);
    assert.equal(challengeAttributes(response.headers.get('www-authenticate')).error, undefined);
  });

  for (const header of ['Bearer', 'Bearer ', 'Bearer two tokens', 'Bearer tok"en', 'Bearer a, Bearer b']) {
    it(`400 invalid_request for a malformed header: ${JSON.stringify(header)}`, async () => {
      const response = await postInitialize(running.mcpUrl, { Authorization: header });
      assert.equal(response.status, 400);
      const attrs = challengeAttributes(response.headers.get('www-authenticate'));
      assert.equal(attrs.error, 'invalid_request');
      assert.equal(attrs.resource_metadata, metadataUrl);
      assert.equal(((await response.json()) as { error: string }).error, 'invalid_request');
    });
  }

  it('accepts a good token (200), whatever the case of the scheme name (RFC 9110 §11.1)', async () => {
    const token = await mintJwt(key, running.mcpUrl);
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await postInitialize(running.mcpUrl, { Authorization: `${scheme} ${token}` });
      assert.equal(response.status, 200, scheme);
      await response.body?.cancel();
    }
  });

  it('accepts an audience array that contains this resource', async () => {
    const token = await mintJwt(key, running.mcpUrl, { aud: ['https://other.example/mcp', running.mcpUrl] });
    const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` });
    assert.equal(response.status, 200);
    await response.body?.cancel();
  });

  it('401 invalid_token: expired beyond the leeway', async () => {
    const token = await mintJwt(key, running.mcpUrl, { exp: Math.floor(Date.now() / 1000) - 120 });
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
  });

  it('accepts a token expired within the 30 s leeway', async () => {
    const token = await mintJwt(key, running.mcpUrl, { exp: Math.floor(Date.now() / 1000) - 5 });
    const response = await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` });
    assert.equal(response.status, 200);
    await response.body?.cancel();
  });

  it('401 invalid_token: tampered payload', async () => {
    const [h, p, s] = (await mintJwt(key, running.mcpUrl)).split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p!)));
    claims.scope = 'notes:read notes:write admin';
    const forged = [h, base64url.encode(JSON.stringify(claims)), s].join('.');
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${forged}` }));
  });

  it('401 invalid_token: wrong issuer', async () => {
    const token = await mintJwt(key, running.mcpUrl, { iss: 'https://evil.example' });
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
  });

  it('401 invalid_token: issued for another resource (RFC 8707)', async () => {
    const token = await mintJwt(key, running.mcpUrl, { aud: 'https://other.example/mcp' });
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
  });

  it('401 invalid_token: signed by an unknown key', async () => {
    const stranger = await signingKey();
    const token = await mintJwt({ ...stranger, publicJwk: { ...stranger.publicJwk, kid: key.publicJwk.kid! } }, running.mcpUrl);
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
  });

  it('401 invalid_token: alg "none"', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(JSON.stringify({ iss: ISSUER, sub: 'alice', aud: running.mcpUrl, exp: now + 300, scope: 'notes:write' }));
    for (const token of [`${header}.${payload}.`, `${header}.${payload}.AAAA`]) {
      await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
    }
  });

  it('401 invalid_token: HS256 signed with the public key as the secret', async () => {
    const spki = await exportSPKI((await importJWK(key.publicJwk, 'ES256', { extractable: true })) as CryptoKey);
    for (const secret of [spki, JSON.stringify(key.publicJwk)]) {
      const token = await new SignJWT({ scope: 'notes:write', client_id: 'client-a' })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: key.publicJwk.kid! })
        .setIssuer(ISSUER)
        .setSubject('alice')
        .setAudience(running.mcpUrl)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
      await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
    }
  });

  it('401 invalid_token: a token that is not an access token (typ)', async () => {
    const token = await mintJwt(key, running.mcpUrl, {}, { typ: 'dpop+jwt' });
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
  });

  it('401 invalid_token: not yet valid (nbf beyond the leeway)', async () => {
    const token = await mintJwt(key, running.mcpUrl, { nbf: Math.floor(Date.now() / 1000) + 600 });
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
  });

  it('401 invalid_token: a critical header extension we do not understand (crit)', async () => {
    // jose refuses to sign with an unknown `crit`, so this token is put together by hand.
    const header = base64url.encode(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid: key.publicJwk.kid, crit: ['exp-ext'], 'exp-ext': true }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(JSON.stringify({ iss: ISSUER, sub: 'alice', aud: running.mcpUrl, exp: now + 300, scope: 'notes:read' }));
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: key.privateKey as unknown as KeyObject, dsaEncoding: 'ieee-p1363' });
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${header}.${payload}.${base64url.encode(signature)}` }));
  });

  for (const sub of ['', 42]) {
    it(`401 invalid_token: a subject that names nobody (sub ${JSON.stringify(sub)})`, async () => {
      const token = await new SignJWT({ scope: 'notes:read', client_id: 'client-a', sub: sub as string })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.publicJwk.kid! })
        .setIssuer(ISSUER)
        .setAudience(running.mcpUrl)
        .setExpirationTime('5m')
        .sign(key.privateKey);
      await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: `Bearer ${token}` }));
    });
  }

  it('401 invalid_token: garbage', async () => {
    await expectInvalidToken(await postInitialize(running.mcpUrl, { Authorization: 'Bearer not-a-token' }));
  });
});
