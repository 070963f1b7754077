import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes, scryptSync } from 'node:crypto';
import { createSealer, SealError, type Sealer } from '../../crypto/sealer.js';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import { accountName, parseStored, type EntryKey, type TokenStore } from './types.js';

/** scrypt cost: 2^17 × 8 × 128 B = 128 MiB and a noticeable fraction of a second, per open. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

interface FileContents {
  v: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  /** Sealed entries (AES-256-GCM, the entry's name as additional data), by keychain account name. */
  entries: Record<string, string>;
}

/**
 * The opt-in fallback when no keychain is reachable: one file per server, each entry sealed with
 * AES-256-GCM (the project's sealer) under a key derived by scrypt from a passphrase the
 * environment gives. Weaker than a keychain — whoever reads both the file and the variable has
 * the tokens — but never plaintext on disk. Writes go to a temporary file renamed into place,
 * mode 0600; callers write under the refresh lock, so two processes do not interleave.
 */
export function openEncryptedFileStore(path: string, passphrase: string): TokenStore {
  if (passphrase.length < 12) {
    throw new LocalSignInError('not_configured', 'GATEHOUSE_LOCAL_PASSPHRASE must be at least 12 characters for the encrypted token file.');
  }
  let cached: { salt: string; sealer: Sealer } | undefined;
  const sealerFor = (kdf: FileContents['kdf']): Sealer => {
    if (cached?.salt !== kdf.salt) {
      const key = scryptSync(passphrase, Buffer.from(kdf.salt, 'base64url'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT.maxmem });
      cached = { salt: kdf.salt, sealer: createSealer([{ kid: 'file', key }]) };
    }
    return cached.sealer;
  };

  const load = (): FileContents => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
        return { v: 1, kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: randomBytes(16).toString('base64url') }, entries: {} };
      }
      throw new LocalSignInError('token_file_unreadable', `Cannot read the token file ${path} (${(cause as NodeJS.ErrnoException).code}).`, { cause });
    }
    const contents = JSON.parse(text) as FileContents;
    if (contents?.v !== 1 || contents.kdf?.name !== 'scrypt') throw new LocalSignInError('token_file_unreadable', `${path} is not a Gatehouse token file.`);
    return contents;
  };
  const save = (contents: FileContents): void => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(contents), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  };

  return {
    kind: 'encrypted-file',
    describe: (key) => `the encrypted file ${path} (entry "${accountName(key)}", passphrase from GATEHOUSE_LOCAL_PASSPHRASE)`,
    async read(key) {
      const contents = load();
      const sealed = contents.entries[accountName(key)];
      if (sealed === undefined) return undefined;
      try {
        return parseStored(sealerFor(contents.kdf).open(sealed, accountName(key)));
      } catch (cause) {
        if (cause instanceof SealError) throw new LocalSignInError('token_file_unreadable', `The token file ${path} cannot be opened with this GATEHOUSE_LOCAL_PASSPHRASE (wrong passphrase, or the file was altered).`, { cause });
        throw cause;
      }
    },
    async write(key, value) {
      const contents = load();
      contents.entries[accountName(key)] = sealerFor(contents.kdf).seal(JSON.stringify(value), accountName(key));
      save(contents);
    },
    async delete(key) {
      const contents = load();
      if (!(accountName(key) in contents.entries)) return false;
      delete contents.entries[accountName(key)];
      save(contents);
      return true;
    },
  };
}
