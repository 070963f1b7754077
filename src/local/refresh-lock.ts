import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { EntryKey } from './token-store/types.js';

/**
 * Serialises the writes to one entry (refreshes, sign-ins, sign-outs) across the processes of a
 * server on this machine — two hosts may each run it. proper-lockfile takes a lock directory
 * atomically (mkdir), keeps it fresh while held and reclaims one a crashed process left stale
 * (10 s without an update); it works wherever the state folder is, unlike an OS advisory lock
 * with no Node binding. The lock holds no secret: its name is the server, provider and account.
 */
export async function withEntryLock<T>(dir: string, key: EntryKey, work: () => Promise<T>): Promise<T> {
  const folder = join(dir, 'locks');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const target = join(folder, `${key.server}.${key.provider}.${key.account}`);
  const release = await lockfile.lock(target, {
    realpath: false,
    stale: 10_000,
    retries: { retries: 600, factor: 1.2, minTimeout: 10, maxTimeout: 100 },
    // A lock taken over while held (this process stalled past `stale`) costs at worst a refresh
    // with an already rotated token, so a "sign in again"; it must not crash the server.
    onCompromised: () => {},
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
