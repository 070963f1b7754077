import type { Store } from '../store/contract.js';
import type { PasswordIdentityProvider } from './identity-provider.js';
import { burnPasswordCheck, verifyPassword } from './password.js';
import { MAX_PASSWORD_LENGTH, normaliseUsername } from './users.js';

/** Local users in the store, with scrypt password hashes. */
export function localPasswordProvider(store: Store): PasswordIdentityProvider {
  return {
    kind: 'password',
    name: 'local',
    async verify(rawUsername, password) {
      if (password.length > MAX_PASSWORD_LENGTH) return undefined;
      const user = await store.getUserByName(normaliseUsername(rawUsername));
      if (!user) {
        await burnPasswordCheck(password);
        return undefined;
      }
      if (!(await verifyPassword(password, user.passwordHash))) return undefined;
      return { userId: user.userId, displayName: user.username, provider: 'local' };
    },
  };
}
