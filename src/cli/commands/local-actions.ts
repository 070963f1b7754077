import { isLocalSignInError } from '../../errors/local-sign-in-error.js';
import { loadLocalConfig } from '../../local/config.js';
import { terminalIo } from '../../local/flows/terminal-io.js';
import { createLocalServerAuth } from '../../local/local-server-auth.js';
import { signInInteractively } from '../../local/sign-in.js';

export interface LocalActionOptions {
  configPath: string;
  provider: string | undefined;
  account: string | undefined;
  path: string | undefined;
  env: NodeJS.ProcessEnv;
}

const REVOCATION: Record<string, string> = {
  revoked: 'and revoked at the provider',
  not_supported: 'the provider offers no revocation endpoint: revoke the app in its account settings if you want it gone there too',
  failed: 'but revoking at the provider failed: revoke the app in its account settings',
  nothing_to_revoke: '',
};

/** `gatehouse local login|logout|status`: messages to stderr, the status itself to stdout. */
export async function runLocalAction(action: 'login' | 'logout' | 'status', options: LocalActionOptions): Promise<number> {
  const config = loadLocalConfig(options.configPath);
  const io = terminalIo({ env: options.env, input: process.stdin });
  const local = createLocalServerAuth({ config, env: options.env, io });
  const auth = local.auth(options.provider, options.account ?? 'default');
  const name = auth.provider.name;
  try {
    if (action === 'login') {
      const result = await signInInteractively(auth, io, {
        callbackTimeoutMs: config.callbackTimeout * 1000,
        openBrowser: true,
        env: options.env,
        ...(options.path !== undefined ? { forced: options.path } : {}),
      });
      const status = await auth.status();
      io.say(`Signed in to ${name} as ${result.identity.displayName} (${result.path} sign-in). Tokens saved in ${status.where}.`);
      return 0;
    }
    if (action === 'logout') {
      const { removed, revocation } = await auth.signOut();
      io.say(removed ? `Signed out of ${name}: the saved tokens were deleted${REVOCATION[revocation] ? `, ${REVOCATION[revocation]}` : ''}.` : `Not signed in to ${name}: nothing to delete.`);
      return 0;
    }
    const status = await auth.status();
    const lines = status.signedIn
      ? [
          `${name} (${status.account}): signed in as ${status.identity?.displayName ?? '?'}`,
          `  access token ${status.expiresAt === undefined ? 'without a stated expiry' : `${status.expiresAt > Date.now() ? 'valid until' : 'expired at'} ${new Date(status.expiresAt).toISOString()}`}; ${status.hasRefreshToken ? 'refreshable' : 'no refresh token'}`,
          `  kept in ${status.where}`,
        ]
      : [`${name} (${status.account}): not signed in`, `  would be kept in ${status.where}`];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (!isLocalSignInError(error)) throw error;
    io.say(`gatehouse local ${action}: ${error.message}`);
    return 1;
  }
}
