import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/config-error.js';
import { startDocumentServer, type DocumentServer } from '../clients/helpers/document-server.js';
import { makeTestPki, type TestPki } from '../helpers/https-ca.js';
import { startTestGatehouse } from '../helpers/gatehouse.js';

const FIELD = 'authorizationServer.clients.cimd.extraCaFile';

/** `clients.cimd.extraCaFile`: what makes a document under a private CA fetchable, and its start-up refusals. */
describe('a private CA for client metadata documents', () => {
  let pki: TestPki;
  let documents: DocumentServer;
  let dir: string;
  before(async () => {
    pki = makeTestPki();
    documents = await startDocumentServer(pki);
    documents.route('/client.json', {
      body: (origin) => JSON.stringify({ client_id: `${origin}/client.json`, client_name: 'Private CA host', redirect_uris: ['http://127.0.0.1/cb'] }),
    });
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-ca-test-'));
  });
  after(async () => {
    await documents?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without it, a document under a CA Node does not know is refused (TLS is never relaxed)', async () => {
    const gh = await startTestGatehouse();
    try {
      const url = new URL('/authorize', gh.url);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: `${documents.origin}/client.json`,
        redirect_uri: 'http://127.0.0.1:5000/cb',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }).toString();
      const response = await fetch(url, { redirect: 'manual' });
      const page = await response.text();
      assert.equal(response.status, 400, 'an error page, never a redirect');
      assert.match(page, /invalid_client/);
      assert.ok(documents.connections >= 1, 'the fetch reached the TLS handshake and was refused there');
    } finally {
      await gh.close();
    }
  });

  const refusals: Array<[string, () => string, RegExp]> = [
    ['a missing file', () => join(dir, 'nope.pem'), /cannot read/],
    ['a file without a certificate', () => write('empty.pem', 'not a certificate\n'), /holds no PEM certificate/],
    ['a damaged certificate', () => write('bad.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), /certificate 1 .* is not usable/],
    ['a server (non-CA) certificate', () => write('leaf.pem', pki.serverCert), /not a CA certificate/],
  ];
  function write(name: string, text: string): string {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  }
  for (const [what, file, message] of refusals) {
    it(`refuses ${what} at start-up, naming the field`, async () => {
      await assert.rejects(
        startTestGatehouse({ authorizationServer: { clients: { cimd: { extraCaFile: file() } } } }),
        (error: Error) => error instanceof ConfigError && error.field === FIELD && message.test(error.message),
      );
    });
  }
});
