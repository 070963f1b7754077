// Warm-up, then several rounds with the targets interleaved (order reversed every other round),
// so a slow patch of the machine hits every target alike; each target is warmed up again right
// before each of its rounds; the figure is the median round.
import { execFileSync } from 'node:child_process';
import { runLoad, type LoadResult, type LoadSpec } from './load.js';
import { waitForQuiet } from './quiet.js';
import { median } from './results.js';

export interface Target {
  name: string;
  /** The load for `round` (0-based; -1 is the warm-up). Items used once are minted here. */
  spec(round: number): LoadSpec | Promise<LoadSpec>;
}

export interface Measured {
  name: string;
  /** Median requests (or flows) per second over the rounds. */
  perSecond: number;
  latencyP50: number;
  latencyP99: number;
  /** Every answer of every round, warm-up excluded, was checked. */
  checked: number;
  rounds: number[];
}

/**
 * The load, once the machine is quiet: what the last round's server, or the minting of this
 * round's codes, still had to do would otherwise land in this round.
 */
async function quietly(spec: LoadSpec | Promise<LoadSpec>): Promise<LoadSpec> {
  const ready = await spec;
  await waitForQuiet();
  return ready;
}

export async function measureInterleaved(targets: readonly Target[], rounds: number, log: (line: string) => void): Promise<Map<string, Measured>> {
  for (const t of targets) await runLoad(await quietly(t.spec(-1)), `${t.name} (warm-up)`);
  execFileSync('sync');
  const results = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
      // A system idle since its last round has gone cold meanwhile (V8 shrinks an idle heap
      // and drops the bytecode of functions unused for a while), and how long it idled depends
      // on its place in the order: every round starts warm instead.
      await runLoad(await quietly(t.spec(-1)), `${t.name} (warm-up)`);
      const result = await runLoad(await quietly(t.spec(round)), t.name);
      // What this round wrote to disk is flushed now, not during the next target's round.
      execFileSync('sync');
      results.get(t.name)!.push(result);
      log(`  round ${round + 1} ${t.name}: ${Math.round(result.perSecond)}/s`);
    }
  }
  return new Map(
    targets.map((t) => {
      const rs = results.get(t.name)!;
      return [t.name, {
        name: t.name,
        perSecond: median(rs.map((r) => r.perSecond)),
        latencyP50: median(rs.map((r) => r.latencyP50)),
        latencyP99: median(rs.map((r) => r.latencyP99)),
        checked: rs.reduce((n, r) => n + r.answered, 0),
        rounds: rs.map((r) => Math.round(r.perSecond)),
      }];
    }),
  );
}

/**
 * The ratio of `target` to `baseline`, paired by round: the median over rounds of target ÷
 * baseline measured in that same round. Rounds are interleaved, so a slow patch of the machine
 * that spans a round hits both sides of that round's ratio; a ratio of two medians would mix
 * rounds taken under different conditions.
 */
export function pairedRatio(target: Measured, baseline: Measured): number {
  return median(target.rounds.map((value, round) => value / baseline.rounds[round]!));
}
