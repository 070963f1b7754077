import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, generateSecret } from 'jose';
import { parseConfig } from '../../src/config/load.js';

/** Parses a config with `resource` set; resolves to the refusal's message, or undefined if accepted. */
function refusal(resource: Record<string, unknown>): string | undefined {
  try {
    parseConfig({ resource });
    return undefined;
  } catch (error) {
    assert.equal((error as Error).name, 'ConfigError');
    return (error as Error).message;
  }
}

describe('resource config: where keys and verdicts come from is refused at start-up when unsafe', () => {
  it('jwksUri and introspection.endpoint must be https (http only to loopback)', () => {
    assert.match(refusal({ jwt: { issuer: 'https://as.example', jwksUri: 'http://as.example/jwks' } }) ?? '', /^resource\.jwt\.jwksUri: must be an https URL/);
    assert.match(
      refusal({ introspection: { endpoint: 'http://as.example/introspect', clientId: 'rs', clientSecretEnv: 'RS_SECRET' } }) ?? '',
      /^resource\.introspection\.endpoint: must be an https URL/,
    );
    for (const jwksUri of ['https://as.example/jwks', 'http://127.0.0.1:9000/jwks', 'http://localhost/jwks', 'http://[::1]:9000/jwks']) {
      assert.equal(refusal({ jwt: { issuer: 'https://as.example', jwksUri } }), undefined, jwksUri);
    }
  });

  it('inline jwks must hold valid public asymmetric keys', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const good = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    assert.equal(refusal({ jwt: { issuer: 'https://as.example', jwks: { keys: [good] } } }), undefined);
    const bad: Array<[string, Record<string, unknown>]> = [
      ['a private key', await exportJWK(privateKey)],
      ['a symmetric key', await exportJWK(await generateSecret('HS256', { extractable: true }))],
      ['a key without its members', { kty: 'EC' }],
      ['an unknown key type', { kty: 'XYZ', x: 'abc' }],
    ];
    for (const [name, jwk] of bad) {
      assert.match(refusal({ jwt: { issuer: 'https://as.example', jwks: { keys: [good, jwk] } } }) ?? '', /^resource\.jwt\.jwks\.keys\.1: must be/, name);
    }
  });

  it('algorithms: none and HS* are refused', () => {
    for (const alg of ['none', 'HS256', 'HS512']) {
      assert.match(refusal({ jwt: { issuer: 'https://as.example', jwksUri: 'https://as.example/jwks', algorithms: [alg] } }) ?? '', /^resource\.jwt\.algorithms\.0: must be an asymmetric/, alg);
    }
  });
});
