import { entryName, providerEntry, type LocalConfig } from './config.js';
import type { DeviceOptions } from './flows/device-flow.js';
import { terminalIo } from './flows/terminal-io.js';
import type { SignInIo } from './flows/types.js';
import { createLocalAuth, type LocalAuth } from './local-auth.js';
import { stateDir } from './paths.js';
import { localProvider, type LocalProvider } from './provider.js';
import { openTokenStore } from './token-store/open-token-store.js';
import type { TokenStore } from './token-store/types.js';
import { createToolSignIn, type ToolSignIn } from './tool-sign-in.js';

export interface LocalServerAuthOptions {
  config: LocalConfig;
  env?: NodeJS.ProcessEnv;
  /** Default: messages on stderr, the system browser through `open`. */
  io?: SignInIo;
  now?: () => number;
  /** How long a tool call waits for a sign-in the person accepted (ms, default 45 s). */
  holdMs?: number;
  device?: DeviceOptions;
  /** What a person runs in a terminal to sign in ahead (shown when no browser can open). */
  loginCommand?: (provider: string) => string;
}

export interface LocalServerAuth {
  readonly config: LocalConfig;
  /** The signed-in state of a provider (default: the only one) and account (default `default`). */
  auth(provider?: string, account?: string): LocalAuth;
  /** Sign-in from inside tool calls, for that provider and account. */
  toolSignIn(provider?: string, account?: string): ToolSignIn;
}

/**
 * Everything a local stdio server needs to call its upstreams as its user. Building it reads the
 * providers' client ids from the environment (a missing one is a `ConfigError`); the keychain is
 * opened on first use, so the server starts — and its other tools work — even without one, and
 * a keychain unlocked later is picked up.
 */
export function createLocalServerAuth(options: LocalServerAuthOptions): LocalServerAuth {
  const { config } = options;
  const env = options.env ?? process.env;
  const io = options.io ?? terminalIo({ env });
  const providers = new Map<string, LocalProvider>(config.providers.map((entry) => [entryName(entry), localProvider(entry, env, options.now)]));
  let store: Promise<TokenStore> | undefined;
  const openStore = () => {
    store ??= openTokenStore(config.server, env);
    store.catch(() => (store = undefined));
    return store;
  };
  const auths = new Map<string, LocalAuth>();
  const toolSignIns = new Map<string, ToolSignIn>();

  const auth = (provider?: string, account = 'default'): LocalAuth => {
    const name = entryName(providerEntry(config, provider));
    const id = `${name}\n${account}`;
    let found = auths.get(id);
    if (!found) {
      found = createLocalAuth({
        server: config.server,
        provider: providers.get(name)!,
        account,
        store: openStore,
        lockDir: stateDir(env),
        refreshSkewMs: config.refreshSkew * 1000,
        ...(options.now ? { now: options.now } : {}),
      });
      auths.set(id, found);
    }
    return found;
  };

  return {
    config,
    auth,
    toolSignIn(provider, account = 'default') {
      const target = auth(provider, account);
      const id = `${target.provider.name}\n${account}`;
      let found = toolSignIns.get(id);
      if (!found) {
        found = createToolSignIn(target, io, {
          holdMs: options.holdMs ?? 45_000,
          callbackTimeoutMs: config.callbackTimeout * 1000,
          env,
          loginCommand: options.loginCommand?.(target.provider.name) ?? `gatehouse local login --provider ${target.provider.name}`,
          ...(options.device ? { device: options.device } : {}),
        });
        toolSignIns.set(id, found);
      }
      return found;
    },
  };
}
