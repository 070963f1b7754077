import { randomInt } from 'node:crypto';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import type { LocalProvider } from '../provider.js';
import { signInError } from './errors.js';
import { finishCallback, newSecrets } from './loopback-flow.js';
import type { SignInIo, SignInResult } from './types.js';

/**
 * The last resort on a machine with no browser and a provider without device authorization:
 * the person opens the URL on any machine, signs in, and pastes back the address the browser
 * ended on (a loopback address that does not load there). The pasted URL gets every check the
 * loopback callback gets.
 */
export async function pasteSignIn(provider: LocalProvider, io: SignInIo): Promise<SignInResult> {
  if (!io.readLine) throw new LocalSignInError('not_configured', 'Signing in by pasting the redirect URL needs a terminal: run "gatehouse local login" in one.');
  const secrets = newSecrets();
  // No listener: any free-looking port will do, since the browser is elsewhere.
  const redirectUri = `http://127.0.0.1:${randomInt(20_000, 60_000)}/callback`;
  let url: URL;
  try {
    url = await provider.upstream.authorizationUrl(secrets, redirectUri);
  } catch (cause) {
    throw signInError(cause, provider.name);
  }
  io.say(
    `Open this address in a browser on any machine and sign in to ${provider.name}:\n\n  ${url.href}\n\n` +
      `The browser then fails to load an address starting with ${redirectUri}: copy that whole address from its address bar and paste it here.\n`,
  );
  const pasted = (await io.readLine('Address: ')).trim();
  let callback: URL;
  try {
    callback = new URL(pasted);
  } catch {
    throw new LocalSignInError('invalid_callback', 'That is not an address; nothing was saved. Start the sign-in again.');
  }
  if (`${callback.origin}${callback.pathname}` !== redirectUri) {
    throw new LocalSignInError('invalid_callback', `The address must start with ${redirectUri}; nothing was saved. Start the sign-in again.`);
  }
  try {
    return { ...(await finishCallback(provider, callback, secrets, redirectUri)), path: 'paste' };
  } catch (cause) {
    throw signInError(cause, provider.name);
  }
}
