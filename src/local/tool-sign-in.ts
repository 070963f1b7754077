import { CLIENT_CAPABILITIES_META_KEY, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import type { CallToolResult, ClientCapabilities, McpServer, ServerContext } from '@modelcontextprotocol/server';
import { isLocalSignInError, LocalSignInError } from '../errors/local-sign-in-error.js';
import { chooseSignInPath } from './flows/choose-path.js';
import type { PendingSignIn, SignInIo } from './flows/types.js';
import type { LocalAccessToken, LocalAuth } from './local-auth.js';
import { startSignIn, type StartSignInOptions } from './sign-in.js';

/** The key of the sign-in request among a tool call's input requests. */
const SIGN_IN_KEY = 'sign_in';

export interface ToolSignInOptions extends Omit<StartSignInOptions, 'openBrowser'> {
  /** How long a call that the person accepted to sign in for waits for them, in ms. */
  holdMs: number;
  env?: NodeJS.ProcessEnv;
  /** The command a person runs to sign in from a terminal (the paste path). */
  loginCommand: string;
}

export type ToolSignInResult = CallToolResult | ReturnType<typeof inputRequired>;

/**
 * Runs tool calls that need the user's upstream token. When there is none (or the provider
 * refused the saved one), a sign-in starts and the person is asked, in the call:
 * - a client that supports URL-mode elicitation gets `elicitation/create` with `mode: "url"` and
 *   the sign-in URL (only a URL: no token or password ever passes through the client); once
 *   the person accepts, the call waits for the sign-in to finish and then runs;
 * - any other client gets a tool result that says where to go, and to call again.
 * One sign-in at a time per provider and account: concurrent calls share it.
 */
export function createToolSignIn(auth: LocalAuth, io: SignInIo, options: ToolSignInOptions) {
  let pending: PendingSignIn | undefined;
  const name = auth.provider.name;

  async function begin(openBrowser: boolean): Promise<{ started: PendingSignIn } | { refusal: CallToolResult }> {
    if (pending) return { started: pending };
    const choice = await chooseSignInPath(auth.provider, options.env ? { env: options.env } : {});
    if (choice.path === 'paste') {
      return { refusal: failure(`You are not signed in to ${name}, and this machine cannot open a browser (${choice.why}). Run "${options.loginCommand}" in a terminal, then call this tool again.`) };
    }
    const started = await startSignIn(auth, choice, io, { ...options, openBrowser });
    pending = started;
    const forget = () => {
      if (pending === started) pending = undefined;
    };
    started.done.then(forget, forget);
    return { started };
  }

  async function afterElicitation(action: 'accept' | 'decline' | 'cancel'): Promise<CallToolResult | undefined> {
    const current = pending;
    if (action !== 'accept') {
      current?.cancel();
      pending = undefined;
      return failure(`Sign-in to ${name} was ${action === 'decline' ? 'declined' : 'cancelled'}; nothing was saved.`);
    }
    if (!current) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const held = new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), options.holdMs)));
    try {
      const outcome = await Promise.race([current.done.then(() => 'done' as const), held]);
      if (outcome === 'waiting') return failure(`Finish signing in to ${name} in your browser, then call this tool again.`);
      return undefined;
    } catch (error) {
      return failure(isLocalSignInError(error) ? error.message : `Signing in to ${name} failed.`);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async run(server: McpServer, ctx: ServerContext, call: (token: LocalAccessToken) => Promise<CallToolResult>): Promise<ToolSignInResult> {
      try {
        const answer = inputResponse(ctx.mcpReq.inputResponses, SIGN_IN_KEY);
        if (answer.kind === 'elicit') {
          const stop = await afterElicitation(answer.action);
          if (stop) return stop;
        }
        try {
          return await call(await auth.accessToken());
        } catch (error) {
          if (!isLocalSignInError(error, 'sign_in_required') && !isLocalSignInError(error, 'sign_in_again')) throw error;
          const byUrl = supportsUrlElicitation(server, ctx);
          const begun = await begin(!byUrl);
          if ('refusal' in begun) return begun.refusal;
          const { started } = begun;
          const where = started.userCode && started.url.indexOf(started.userCode) < 0 ? ` and enter the code ${started.userCode}` : '';
          if (byUrl) {
            return inputRequired({
              inputRequests: {
                [SIGN_IN_KEY]: inputRequired.elicitUrl({ message: `${error.message} Sign in to ${name} so this server can call it as you${where ? ` (enter the code ${started.userCode})` : ''}.`, url: started.url }),
              },
            });
          }
          return failure(`${error.message} Open ${started.url}${where} to sign in to ${name}, then call this tool again.`);
        }
      } catch (error) {
        if (error instanceof LocalSignInError) return failure(error.message);
        throw error;
      }
    },
  };
}

export type ToolSignIn = ReturnType<typeof createToolSignIn>;

/** URL-mode elicitation, as this request's client declared it (per request on 2026-07-28, at initialize before). */
export function supportsUrlElicitation(server: McpServer, ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const declared = envelope?.[CLIENT_CAPABILITIES_META_KEY];
  const capabilities = (declared !== null && typeof declared === 'object' ? declared : server.server.getClientCapabilities()) as ClientCapabilities | undefined;
  return capabilities?.elicitation?.url !== undefined;
}

function failure(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
