import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/config-error.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads a PEM bundle of extra trust anchors once at start-up, refusing a missing file, a file
 * without certificates, or one that does not parse, so a typo surfaces before the first client
 * fetch fails in a way a user can only see as "invalid_client".
 */
export function readTrustedCaFile(path: string, field: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(field, `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) throw new ConfigError(field, `${path} holds no PEM certificate`);
  for (const [index, pem] of certificates.entries()) {
    try {
      if (!new X509Certificate(pem).ca) throw new Error('it is not a CA certificate (basicConstraints CA:FALSE or absent)');
    } catch (cause) {
      throw new ConfigError(field, `certificate ${index + 1} in ${path} is not usable: ${(cause as Error).message}`, { cause });
    }
  }
  return certificates;
}
