import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  /** The test CA's certificate (PEM): what the fetcher is told to trust. */
  caCert: string;
  /** A server certificate for localhost, 127.0.0.1 and ::1, signed by the CA. */
  serverCert: string;
  serverKey: string;
}

/**
 * A throwaway CA and server certificate made with the openssl CLI, in a temp directory: real TLS
 * for tests that serve something over HTTPS (client metadata documents, key sets).
 */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-pki-'));
  const openssl = (...args: string[]) => execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=Gatehouse test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
      '-out', 'server.crt', '-days', '1', '-extfile', 'ext.cnf');
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return { caCert: read('ca.crt'), serverCert: read('server.crt'), serverKey: read('server.key') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the CA certificate to a temp file for `authorizationServer.clients.cimd.extraCaFile`;
 * returns its path and a function that removes it.
 */
export function writeCaFile(pki: TestPki): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-ca-'));
  const path = join(dir, 'ca.pem');
  writeFileSync(path, pki.caCert);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
