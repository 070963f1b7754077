import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestGatehouse } from '../helpers/gatehouse.js';
import type { RunningGatehouse } from '../../src/app/start.js';
import { metadataPaths } from '../../src/metadata/well-known-paths.js';

describe('authorization server metadata (RFC 8414)', () => {
  let server: RunningGatehouse;
  before(async () => {
    server = await startTestGatehouse({ resource: { scopesSupported: ['notes:read', 'notes:write'] } });
  });
  after(() => server.close());

  it('publishes the exact issuer and endpoints MCP clients rely on', async () => {
    const response = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const text = await response.text();
    const doc = JSON.parse(text) as Record<string, unknown>;
    // Byte-identical: no trailing slash drift, and the raw text holds exactly that string.
    assert.equal(doc.issuer, server.url);
    assert.ok(text.includes(`"issuer":"${server.url}"`));
    assert.equal(doc.authorization_endpoint, `${server.url}/authorize`);
    assert.equal(doc.token_endpoint, `${server.url}/token`);
    assert.equal(doc.registration_endpoint, `${server.url}/register`);
    assert.equal(doc.revocation_endpoint, `${server.url}/revoke`);
    assert.equal(doc.introspection_endpoint, `${server.url}/introspect`);
    assert.equal(doc.jwks_uri, `${server.url}/jwks`);
    assert.deepEqual(doc.response_types_supported, ['code']);
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(doc.grant_types_supported, ['authorization_code', 'refresh_token']);
    assert.equal(doc.client_id_metadata_document_supported, true);
    assert.equal(doc.authorization_response_iss_parameter_supported, true);
    assert.deepEqual(doc.scopes_supported, ['notes:read', 'notes:write']);
    assert.deepEqual(doc.token_endpoint_auth_methods_supported, ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt']);
    assert.ok(Array.isArray(doc.token_endpoint_auth_signing_alg_values_supported));
    assert.ok(!(doc.introspection_endpoint_auth_methods_supported as string[]).includes('none'));
  });

  it('serves the same document at the OpenID discovery location, CORS-readable and briefly cacheable', async () => {
    const a = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    const b = await fetch(`${server.url}/.well-known/openid-configuration`);
    assert.equal(b.status, 200);
    assert.deepEqual(await b.json(), await a.json());
    for (const response of [a, b]) {
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    }
    const preflight = await fetch(`${server.url}/.well-known/oauth-authorization-server`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'mcp-protocol-version' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  });

  it('inserts an issuer path per RFC 8414 §3.1 and appends it per OIDC discovery', () => {
    assert.deepEqual(metadataPaths('https://as.example'), [
      '/.well-known/oauth-authorization-server',
      '/.well-known/openid-configuration',
    ]);
    assert.deepEqual(metadataPaths('https://as.example/tenant1'), [
      '/.well-known/oauth-authorization-server/tenant1',
      '/.well-known/openid-configuration/tenant1',
      '/tenant1/.well-known/openid-configuration',
    ]);
  });
});

describe('authorization server metadata without DCR', () => {
  let server: RunningGatehouse;
  before(async () => {
    server = await startTestGatehouse({ authorizationServer: { clients: { dcr: { enabled: false } } } });
  });
  after(() => server.close());

  it('leaves out registration_endpoint and keeps the CIMD flag', async () => {
    const doc = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    assert.equal('registration_endpoint' in doc, false);
    assert.equal(doc.client_id_metadata_document_supported, true);
    assert.equal('scopes_supported' in doc, false);
  });
});
