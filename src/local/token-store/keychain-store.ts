import { AsyncEntry } from '@napi-rs/keyring';
import { randomBase64url } from '../../crypto/random-pool.js';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import { accountName, parseStored, serviceName, type EntryKey, type TokenStore } from './types.js';

/** What to install when no keychain answers, by platform. */
export function keychainAdvice(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux' || platform === 'freebsd') {
    return 'Install and start a Secret Service (e.g. gnome-keyring, or KeePassXC with its Secret Service integration) in your desktop session — on Debian/Ubuntu: apt install gnome-keyring libsecret-tools — and make sure DBUS_SESSION_BUS_ADDRESS reaches it.';
  }
  if (platform === 'darwin') return 'The macOS Keychain should always be there: check that your login keychain exists and is unlocked (Keychain Access).';
  if (platform === 'win32') return 'Windows Credential Manager should always be there: check that the Credential Manager service is running.';
  return 'This platform has no keychain @napi-rs/keyring supports.';
}

const OPT_IN = 'To keep tokens in an encrypted file instead (weaker), set GATEHOUSE_LOCAL_TOKEN_STORE=file and GATEHOUSE_LOCAL_PASSPHRASE.';

/** Turns a keyring failure into the error the person can act on. */
export function keychainError(cause: unknown): LocalSignInError {
  const text = String((cause as Error)?.message ?? cause);
  if (/lock|prompt was dismissed|prompt/i.test(text)) {
    return new LocalSignInError('keychain_locked', `The OS keychain is locked and could not be unlocked (${text}). Unlock it (e.g. sign in to your desktop session, or unlock the "login" keyring), then try again. Nothing was saved.`, { cause });
  }
  return new LocalSignInError('keychain_unavailable', `No OS keychain could be reached (${text}). ${keychainAdvice()} ${OPT_IN} Nothing was saved.`, { cause });
}

/**
 * Tokens in the OS keychain through @napi-rs/keyring (macOS Keychain, Windows Credential Manager,
 * the Secret Service on Linux): one entry per server, provider and account, holding a JSON of the
 * tokens. Opening it writes, reads and deletes a probe entry, because on Linux a missing Secret
 * Service can read as "no entry" rather than an error.
 */
export async function openKeychainStore(server: string): Promise<TokenStore> {
  // A probe of its own: two processes of a server open their stores at the same moment.
  const marker = randomBase64url(12);
  const probe = new AsyncEntry(serviceName(server), `.probe-${marker}`);
  try {
    await probe.setPassword(marker);
    const back = await probe.getPassword();
    await probe.deleteCredential();
    if (back !== marker) throw new Error('the keychain did not give back what was written');
  } catch (cause) {
    throw keychainError(cause);
  }

  const entry = (key: EntryKey) => new AsyncEntry(serviceName(key.server), accountName(key));
  return {
    kind: 'keychain',
    describe: (key) => `the OS keychain (service "${serviceName(key.server)}", account "${accountName(key)}")`,
    async read(key) {
      let text: string | null;
      try {
        text = await entry(key).getPassword();
      } catch (cause) {
        throw keychainError(cause);
      }
      return text === null ? undefined : parseStored(text);
    },
    async write(key, value) {
      try {
        await entry(key).setPassword(JSON.stringify(value));
      } catch (cause) {
        throw keychainError(cause);
      }
    },
    async delete(key) {
      try {
        return await entry(key).deleteCredential();
      } catch (cause) {
        throw keychainError(cause);
      }
    },
  };
}
