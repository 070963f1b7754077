import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors/config-error.js';

const withTokens = (tokens: Record<string, unknown>) => () => parseConfig({ authorizationServer: { tokens } });

function refusedAt(field: string, fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => error instanceof ConfigError && error.field === field, `expected a ConfigError naming ${field}`);
}

describe('authorizationServer.tokens config', () => {
  it('has the documented defaults', () => {
    const tokens = parseConfig({}).authorizationServer.tokens;
    assert.deepEqual(tokens, {
      accessTokenFormat: 'jwt',
      accessTokenTtl: 900,
      refreshTokenTtl: 2_592_000,
      grantTtl: 7_776_000,
      refreshGraceWindow: 30,
      signingAlg: 'ES256',
      keyRotationPeriod: 7_776_000,
      clientAssertionMaxAge: 300,
      rateLimitPerMinute: 120,
      introspectionCredentials: [],
    });
  });

  it('refuses bad values, naming the field', () => {
    const base = 'authorizationServer.tokens';
    refusedAt(`${base}.accessTokenFormat`, withTokens({ accessTokenFormat: 'paseto' }));
    refusedAt(`${base}.accessTokenTtl`, withTokens({ accessTokenTtl: 10 }));
    refusedAt(`${base}.signingAlg`, withTokens({ signingAlg: 'HS256' }));
    refusedAt(`${base}.refreshGraceWindow`, withTokens({ refreshGraceWindow: 600 }));
    refusedAt(`${base}.refreshGraceWindow`, withTokens({ refreshGraceWindow: 60, accessTokenTtl: 60 }));
    refusedAt(`${base}.refreshTokenTtl`, withTokens({ refreshTokenTtl: 90_000_000 }));
    refusedAt(`${base}.refreshTokenTtl`, withTokens({ refreshTokenTtl: 86_400 * 100, grantTtl: 86_400 * 10 }));
    refusedAt(`${base}.accessTokenTtl`, withTokens({ accessTokenTtl: 7_200, refreshTokenTtl: 3_600 }));
    refusedAt(`${base}.introspectionCredentials.0.secretHash`, withTokens({ introspectionCredentials: [{ id: 'rs', secretHash: 'plaintext' }] }));
    refusedAt(`${base}.introspectionCredentials.0.id`, withTokens({ introspectionCredentials: [{ id: 'a:b', secretHash: 'x'.repeat(43) }] }));
    refusedAt(base, withTokens({ accessTokenLifetime: 60 }));
  });
});
