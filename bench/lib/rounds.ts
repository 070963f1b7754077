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
  /** The baseline's figure beside each round: the mean of the rounds on either side (`measureBesideBaseline`). */
  baselineRounds?: number[];
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

/** One round of one target: its own warm-up, then the load, each on a quiet machine. */
async function measureRound(t: Target, round: number, log: (line: string) => void): Promise<LoadResult> {
  // A system idle since its last round has gone cold meanwhile (V8 shrinks an idle heap and
  // drops the bytecode of functions unused for a while), and how long it idled depends on its
  // place in the order: every round starts warm instead.
  await runLoad(await quietly(t.spec(-1)), `${t.name} (warm-up)`);
  const result = await runLoad(await quietly(t.spec(round)), t.name);
  // What this round wrote to disk is flushed now, not during the next target's round.
  execFileSync('sync');
  log(`  round ${round + 1} ${t.name}: ${Math.round(result.perSecond)}/s`);
  return result;
}

function summarise(name: string, rs: LoadResult[], baselineRounds?: number[]): Measured {
  return {
    name,
    perSecond: median(rs.map((r) => r.perSecond)),
    latencyP50: median(rs.map((r) => r.latencyP50)),
    latencyP99: median(rs.map((r) => r.latencyP99)),
    checked: rs.reduce((n, r) => n + r.answered, 0),
    rounds: rs.map((r) => Math.round(r.perSecond)),
    ...(baselineRounds && { baselineRounds }),
  };
}

/** Every target warmed up once before the first round. */
async function warmUp(targets: readonly Target[]): Promise<void> {
  for (const t of targets) await runLoad(await quietly(t.spec(-1)), `${t.name} (warm-up)`);
  execFileSync('sync');
}

export async function measureInterleaved(targets: readonly Target[], rounds: number, log: (line: string) => void): Promise<Map<string, Measured>> {
  await warmUp(targets);
  const results = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const t of round % 2 === 0 ? targets : [...targets].reverse()) results.get(t.name)!.push(await measureRound(t, round, log));
  }
  return new Map(targets.map((t) => [t.name, summarise(t.name, results.get(t.name)!)]));
}

/**
 * Interleaved rounds as above, with a round of `baseline` between every two loads of the run
 * (b t1 b t2 … b tn b tn b … b t1 b …), and each round of a target paired with the mean of the
 * two baseline rounds on either side of it: on a shared machine whose speed drifts within a
 * minute, that is a fairer yardstick than one baseline round per round of every target, and
 * every load, baseline or target, follows another server's load alike. The baseline's own
 * figure is the median of all its rounds.
 */
export async function measureBesideBaseline(baseline: Target, targets: readonly Target[], rounds: number, log: (line: string) => void): Promise<Map<string, Measured>> {
  await warmUp([baseline, ...targets]);
  const ofBaseline = [await measureRound(baseline, 0, log)];
  const results = new Map<string, { rs: LoadResult[]; beside: number[] }>(targets.map((t) => [t.name, { rs: [], beside: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
      const result = await measureRound(t, round, log);
      const after = await measureRound(baseline, round, log);
      const before = ofBaseline.at(-1)!;
      ofBaseline.push(after);
      results.get(t.name)!.rs.push(result);
      results.get(t.name)!.beside.push(Math.round((before.perSecond + after.perSecond) / 2));
    }
  }
  return new Map([
    [baseline.name, summarise(baseline.name, ofBaseline)],
    ...targets.map((t): [string, Measured] => [t.name, summarise(t.name, results.get(t.name)!.rs, results.get(t.name)!.beside)]),
  ]);
}

/**
 * The ratio of `target` to `baseline`, paired by round: the median over rounds of target ÷
 * baseline measured in that same round (on either side of it, under `measureBesideBaseline`).
 * Rounds are interleaved, so a slow patch of the machine that spans a round hits both sides of
 * that round's ratio; a ratio of two medians would mix rounds taken under different conditions.
 */
export function pairedRatio(target: Measured, baseline: Measured): number {
  const beside = target.baselineRounds ?? baseline.rounds;
  return median(target.rounds.map((value, round) => value / beside[round]!));
}
