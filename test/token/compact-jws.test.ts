import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { compactVerify, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { signCompactJws } from '../../src/token/keys/compact-jws.js';
import { generateSigningKey } from '../../src/token/keys/generate-signing-key.js';

describe('signCompactJws (tokens are signed with node:crypto, verified with jose)', () => {
  for (const alg of ['ES256', 'RS256', 'EdDSA'] as const) {
    it(`${alg}: jose verifies the signature, header and claims exactly as given`, async () => {
      const generated = await generateSigningKey(alg);
      const key = createPrivateKey({ key: generated.privateJwk as never, format: 'jwk' });
      const claims = { iss: 'https://as.example', sub: 'user-ü', aud: 'https://rs.example/mcp', iat: 1_700_000_000, exp: 4_000_000_000, scope: 'a b' };
      const token = await signCompactJws(alg, key, { kid: generated.kid, typ: 'at+jwt' }, claims);

      const publicKey = await importJWK(generated.publicJwk, alg);
      const { payload, protectedHeader } = await jwtVerify(token, publicKey, { issuer: claims.iss, audience: claims.aud, typ: 'at+jwt', algorithms: [alg] });
      assert.deepEqual(protectedHeader, { kid: generated.kid, typ: 'at+jwt', alg });
      assert.deepEqual(payload, claims);
    });
  }

  it('the header always names the alg it was signed with (a caller cannot override it)', async () => {
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }, format: 'jwk' });
    const token = await signCompactJws('EdDSA', key, { alg: 'none' }, {});
    assert.equal(decodeProtectedHeader(token).alg, 'EdDSA');
  });

  it('a changed payload no longer verifies', async () => {
    const generated = await generateSigningKey('ES256');
    const token = await signCompactJws('ES256', createPrivateKey({ key: generated.privateJwk as never, format: 'jwk' }), {}, { sub: 'a' });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from('{"sub":"b"}').toString('base64url')}.${signature}`;
    await assert.rejects(compactVerify(forged, await importJWK(generated.publicJwk, 'ES256')), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
});
