import { join } from 'node:path';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import { stateDir } from '../paths.js';
import { openEncryptedFileStore } from './encrypted-file-store.js';
import { openKeychainStore } from './keychain-store.js';
import type { TokenStore } from './types.js';

/**
 * The OS keychain, always, unless the person opted in to the weaker encrypted file with
 * `GATEHOUSE_LOCAL_TOKEN_STORE=file` and a `GATEHOUSE_LOCAL_PASSPHRASE`. No keychain and no
 * opt-in: a `keychain_unavailable` error naming what to install; never a plaintext fallback.
 */
export async function openTokenStore(server: string, env: NodeJS.ProcessEnv = process.env): Promise<TokenStore> {
  const choice = env.GATEHOUSE_LOCAL_TOKEN_STORE ?? 'keychain';
  if (choice === 'keychain') return openKeychainStore(server);
  if (choice !== 'file') throw new LocalSignInError('not_configured', `GATEHOUSE_LOCAL_TOKEN_STORE must be "keychain" or "file", not "${choice}".`);
  const passphrase = env.GATEHOUSE_LOCAL_PASSPHRASE;
  if (!passphrase) throw new LocalSignInError('not_configured', 'GATEHOUSE_LOCAL_TOKEN_STORE=file needs GATEHOUSE_LOCAL_PASSPHRASE (the passphrase of the encrypted token file).');
  return openEncryptedFileStore(env.GATEHOUSE_LOCAL_TOKEN_FILE ?? join(stateDir(env), `${server}.tokens`), passphrase);
}
