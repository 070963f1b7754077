import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import type { LocalProvider } from '../provider.js';
import { offersDeviceFlow } from './device-flow.js';
import { detectSessionKind, type SessionKind } from './session-kind.js';
import type { SignInPath } from './types.js';

export interface PathChoice {
  path: SignInPath;
  /** One sentence for the person: which path, and why. */
  why: string;
}

const PATHS: readonly SignInPath[] = ['loopback', 'device', 'paste'];

/**
 * Picks the sign-in path: the loopback redirect on a desktop; on a headless session the
 * provider's device authorization when it offers one, else the pasted redirect URL. A path set
 * in `GATEHOUSE_LOCAL_SIGN_IN` (or passed as `forced`) wins, so tests and odd setups can choose.
 */
export async function chooseSignInPath(
  provider: LocalProvider,
  options: { forced?: string; env?: NodeJS.ProcessEnv; session?: SessionKind } = {},
): Promise<PathChoice> {
  const env = options.env ?? process.env;
  const forced = options.forced ?? env.GATEHOUSE_LOCAL_SIGN_IN;
  if (forced !== undefined && forced !== '' && forced !== 'auto') {
    if (!PATHS.includes(forced as SignInPath)) throw new LocalSignInError('not_configured', `The sign-in path must be one of ${PATHS.join(', ')} or auto, not "${forced}".`);
    return { path: forced as SignInPath, why: `the ${forced} sign-in was asked for` };
  }
  const session = options.session ?? detectSessionKind(env);
  if (!session.headless) return { path: 'loopback', why: `a browser can be opened (${session.reason})` };
  if (await offersDeviceFlow(provider)) return { path: 'device', why: `no browser here (${session.reason}), and ${provider.name} offers device sign-in` };
  return { path: 'paste', why: `no browser here (${session.reason}), and ${provider.name} has no device sign-in` };
}
