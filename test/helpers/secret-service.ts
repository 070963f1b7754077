import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const TOOLS = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool'];

/**
 * Why keychain suites cannot run here, or false when they can: in CI a missing tool is a
 * failure (thrown at import), elsewhere the suite skips with this reason, said out loud.
 */
export const secretServiceMissing: string | false = (() => {
  const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length === 0) return false;
  const reason = `${missing.join(', ')} not installed (Debian: gnome-keyring dbus libsecret-tools)`;
  if (process.env.CI === 'true') throw new Error(`the keychain tests cannot run in CI: ${reason}`);
  console.warn(`SKIPPING keychain tests: ${reason}`);
  return reason;
})();

/** A private D-Bus session with gnome-keyring's Secret Service and an unlocked login keyring. */
export interface SecretService {
  /** The variables that point a process at this Secret Service. */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  /** `secret-tool lookup service … username …`: the stored secret, or undefined. */
  lookup(service: string, account: string): string | undefined;
  /** Locks the login keyring (unlocking then needs a prompt, which cannot show here). */
  lock(): void;
  stop(): Promise<void>;
}

const PASSWORD = 'gatehouse-test-keyring';

/**
 * Starts `dbus-run-session` with gnome-keyring-daemon unlocked inside it, its keyrings in a
 * temporary folder, and keeps it until `stop()`. Fails (never skips) when it cannot start.
 */
export async function startSecretService(): Promise<SecretService> {
  const home = mkdtempSync(join(tmpdir(), 'gatehouse-keyring-'));
  const script = `printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && echo "BUS=$DBUS_SESSION_BUS_ADDRESS" && cat >/dev/null`;
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env: { ...process.env, KEYRING_PASSWORD: PASSWORD, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home, XDG_CONFIG_HOME: join(home, 'config') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => line.startsWith('BUS=') && resolve(line.slice(4)));
    child.once('exit', (code) => reject(new Error(`the Secret Service did not start (exit ${code}): ${stderr.trim().slice(-500)}`)));
  });
  const env = { DBUS_SESSION_BUS_ADDRESS: address };
  const tool = (args: string[]) => spawnSync('secret-tool', args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  return {
    env,
    lookup(service, account) {
      const result = tool(['lookup', 'service', service, 'username', account]);
      return result.status === 0 && result.stdout !== '' ? result.stdout : undefined;
    },
    lock() {
      // secret-tool may crash on its way out after locking; the lock is what counts.
      tool(['lock', '--collection=login']);
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
