import { chooseSignInPath, type PathChoice } from './flows/choose-path.js';
import { startDeviceSignIn, type DeviceOptions } from './flows/device-flow.js';
import { startLoopbackSignIn } from './flows/loopback-flow.js';
import { pasteSignIn } from './flows/paste-flow.js';
import type { PendingSignIn, SignInIo, SignInResult } from './flows/types.js';
import type { LocalAuth } from './local-auth.js';

export interface StartSignInOptions {
  /** How long the loopback listener waits, in ms. */
  callbackTimeoutMs: number;
  /** Open the system browser (false when an MCP client opens the URL, through elicitation). */
  openBrowser: boolean;
  device?: DeviceOptions;
  loopbackPort?: number;
}

/**
 * Starts a loopback or device sign-in, tells the person where to go (and opens the browser when
 * asked), and saves the tokens when it succeeds. Nothing is written unless it does.
 */
export async function startSignIn(auth: LocalAuth, choice: PathChoice, io: SignInIo, options: StartSignInOptions): Promise<PendingSignIn> {
  const name = auth.provider.name;
  let pending: PendingSignIn;
  if (choice.path === 'device') {
    pending = await startDeviceSignIn(auth.provider, options.device);
    io.say(`Signing in to ${name} with a device code (${choice.why}).\nOpen ${pending.url} and enter the code ${pending.userCode}.`);
  } else if (choice.path === 'loopback') {
    pending = await startLoopbackSignIn(auth.provider, { timeoutMs: options.callbackTimeoutMs, ...(options.loopbackPort !== undefined ? { port: options.loopbackPort } : {}) });
    const opened = options.openBrowser && (await io.openBrowser(pending.url));
    io.say(`Signing in to ${name} in the browser (${choice.why}).${opened ? ' A browser window was opened; if' : ' If'} it did not, open this address:\n\n  ${pending.url}\n`);
  } else {
    throw new Error('the paste path is interactive: use signInInteractively');
  }
  const done = pending.done.then(async (result) => {
    await auth.save(result);
    return result;
  });
  done.catch(() => {});
  return { ...pending, done };
}

/** The whole sign-in from a terminal (`gatehouse local login`): any of the three paths. */
export async function signInInteractively(
  auth: LocalAuth,
  io: SignInIo,
  options: StartSignInOptions & { forced?: string; env?: NodeJS.ProcessEnv },
): Promise<SignInResult & { why: string }> {
  const choice: PathChoice = await chooseSignInPath(auth.provider, { ...(options.forced !== undefined ? { forced: options.forced } : {}), ...(options.env ? { env: options.env } : {}) });
  if (choice.path === 'paste') {
    io.say(`Signing in to ${auth.provider.name} by pasting the redirect address (${choice.why}).`);
    const result = await pasteSignIn(auth.provider, io);
    await auth.save(result);
    return { ...result, why: choice.why };
  }
  const pending = await startSignIn(auth, choice, io, options);
  return { ...(await pending.done), why: choice.why };
}
