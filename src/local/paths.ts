import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a local server keeps what is not a secret (its lock files) and, when opted in, the
 * encrypted token file: `GATEHOUSE_LOCAL_STATE_DIR`, else the platform's per-user state folder.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GATEHOUSE_LOCAL_STATE_DIR) return env.GATEHOUSE_LOCAL_STATE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'gatehouse-local');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'gatehouse-local');
  return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'gatehouse-local');
}
