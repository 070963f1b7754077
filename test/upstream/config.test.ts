import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/config-error.js';
import { parseConfig } from '../../src/config/load.js';
import { startTestGatehouse } from '../helpers/gatehouse.js';

const upstream = (providers: unknown[]) => ({ authorizationServer: { upstream: { providers } } });

describe('upstream configuration', () => {
  it('a missing client id variable stops start-up, naming the variable', async () => {
    await assert.rejects(
      startTestGatehouse(upstream([{ type: 'github', clientIdEnv: 'GATEHOUSE_TEST_NEVER_SET_ID', clientSecretEnv: 'GATEHOUSE_TEST_NEVER_SET_SECRET' }])),
      (e) => e instanceof ConfigError && e.field === 'GATEHOUSE_TEST_NEVER_SET_ID' && /GATEHOUSE_TEST_NEVER_SET_ID is not set/.test(e.message),
    );
  });

  it('a missing client secret variable stops start-up, naming it', async () => {
    process.env.GATEHOUSE_TEST_CFG_ID = 'some-client';
    await assert.rejects(
      startTestGatehouse(upstream([{ type: 'google', clientIdEnv: 'GATEHOUSE_TEST_CFG_ID', clientSecretEnv: 'GATEHOUSE_TEST_CFG_SECRET_UNSET' }])),
      (e) => e instanceof ConfigError && e.field === 'GATEHOUSE_TEST_CFG_SECRET_UNSET',
    );
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ['http issuer off this machine', { type: 'oidc', name: 'corp', issuer: 'http://idp.example.com', clientIdEnv: 'X' }, /issuer: must be an https URL/],
    ['unknown type', { type: 'myspace', clientIdEnv: 'X' }, /type/],
    ['oauth2 without a name', { type: 'oauth2', authorizationEndpoint: 'https://a.test/a', tokenEndpoint: 'https://a.test/t', userinfoEndpoint: 'https://a.test/u', clientIdEnv: 'X' }, /name/],
    ['entra without a tenant', { type: 'entra', clientIdEnv: 'X' }, /tenant/],
    ['a bad variable name', { type: 'github', clientIdEnv: 'not a name' }, /clientIdEnv/],
    ['an unknown field', { type: 'github', clientIdEnv: 'X', clientSecret: 'inline!' }, /clientSecret/],
  ];
  for (const [what, provider, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseConfig(upstream([provider])), (e) => e instanceof ConfigError && message.test(e.message));
    });
  }

  it('refuses two providers with one name', () => {
    assert.throws(
      () => parseConfig(upstream([{ type: 'github', clientIdEnv: 'X' }, { type: 'github', clientIdEnv: 'Y' }])),
      (e) => e instanceof ConfigError && /used twice/.test(e.message),
    );
  });

  it('no providers: nothing changes (no buttons, no routes)', async () => {
    const gh = await startTestGatehouse();
    try {
      const response = await fetch(`${gh.url}/upstream/github/callback?state=x`);
      assert.equal(response.status, 404);
    } finally {
      await gh.close();
    }
  });
});
