// Before each load the machine is left to settle: a server that was just under load may still
// have work to finish (garbage collection of a large heap, closing 32 connections), and so may the
// minting of the next round's codes; on a 2-core machine that work would land in the next
// target's round. A precaution: the up-to-25 % slow rounds seen with systems in processes of their
// own came from processes gone cold while idle, which the per-round warm-up (rounds.ts) answers.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const WINDOW_MS = 100;
/** Busy share of all cores in a window under which the machine counts as quiet. */
const QUIET_BELOW = 0.1;
const MAX_WAIT_MS = 5000;

/** Total and idle jiffies of all cores, from /proc/stat (Linux); `undefined` elsewhere. */
function cpuTimes(): { total: number; idle: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
    return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3]! + (fields[4] ?? 0) };
  } catch {
    return undefined;
  }
}

/** Waits until a window of `WINDOW_MS` sees the cores busy less than `QUIET_BELOW`, or `MAX_WAIT_MS`; a fixed second where /proc/stat is missing. */
export async function waitForQuiet(): Promise<void> {
  if (!cpuTimes()) return sleep(1000);
  const deadline = Date.now() + MAX_WAIT_MS;
  while (Date.now() < deadline) {
    const before = cpuTimes()!;
    await sleep(WINDOW_MS);
    const after = cpuTimes()!;
    const total = after.total - before.total;
    if (total > 0 && 1 - (after.idle - before.idle) / total < QUIET_BELOW) return;
  }
}
