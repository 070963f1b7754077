import { chmodSync, openSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ConfigError } from '../errors/config-error.js';
import {
  createSealer,
  formatSealingKeys,
  generateSealingKey,
  parseSealingKeys,
  type Sealer,
} from '../crypto/sealer.js';

export interface SealingKeysConfig {
  /** The store URL: decides where a generated key may live. */
  url: string;
  /** Name of the environment variable holding `kid:base64urlKey[,kid:key…]`. */
  sealingKeysEnv: string;
}

/**
 * The sealer for values the store must read back. Keys come from the environment variable
 * `sealingKeysEnv` names. Without it:
 * - SQLite: a key is generated once and kept beside the database file (`<db>.sealing-keys`,
 *   mode 0600). That is fine for one machine only: the key lives next to what it protects.
 * - memory: a throwaway key, lost on exit like the data.
 * - Redis / PostgreSQL: refused, since every instance must seal with the same keys.
 */
export function loadSealer(config: SealingKeysConfig, env: NodeJS.ProcessEnv = process.env): Sealer {
  const name = config.sealingKeysEnv;
  const fromEnv = env[name];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    try {
      return createSealer(parseSealingKeys(fromEnv));
    } catch (cause) {
      throw new ConfigError(name, (cause as Error).message, { cause });
    }
  }
  if (config.url === 'memory') return createSealer([generateSealingKey('memory')]);
  if (config.url.startsWith('sqlite:')) return createSealer(parseSealingKeys(keyFileContents(config.url, name)));
  throw new ConfigError(
    name,
    'must be set for a shared store (Redis or PostgreSQL): every instance has to seal with the same keys; ' +
      'set it to kid:base64urlKey (32 random bytes, base64url)',
  );
}

/** The key file path for a `sqlite:<path>` URL. */
export function sealingKeyFile(url: string): string {
  return resolve(url.slice('sqlite:'.length)) + '.sealing-keys';
}

function keyFileContents(url: string, envName: string): string {
  const file = sealingKeyFile(url);
  mkdirSync(dirname(file), { recursive: true });
  try {
    // `wx`: of two processes starting together, one creates the file and the other reads it.
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, formatSealingKeys([generateSealingKey('local1')]) + '\n');
    } finally {
      closeSync(fd);
    }
    chmodSync(file, 0o600);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(envName, `is not set and the key file ${file} cannot be created: ${(cause as Error).message}`, { cause });
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError(envName, `is not set and the key file ${file} is readable by others: chmod 600 it`);
  }
  const contents = readFileSync(file, 'utf8').trim();
  if (contents === '') throw new ConfigError(envName, `is not set and the key file ${file} is empty`);
  return contents;
}
