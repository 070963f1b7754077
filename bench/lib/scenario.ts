// What every scenario hands back to bench/run.ts: rows of the one results table, and notes.
export interface Row {
  scenario: string;
  target: string;
  /** The figure (req/s, flows/s, ms or MB) and its unit. */
  value: number;
  unit: string;
  /**
   * What it is compared with, measured in the same run; `ratio` when the comparison is paired by
   * round (`pairedRatio`), otherwise value ÷ baseline.
   */
  baseline?: { name: string; value: number; ratio?: number };
  /** The ratio asked for (≥), or for absolute targets the bound (≤). */
  goal?: { kind: 'ratio-at-least' | 'at-most'; value: number };
  latency?: { p50: number; p99: number };
  checked?: number;
}

export interface ScenarioResult {
  rows: Row[];
  /** Markdown paragraphs: how it was measured, what the profile showed, why a target is missed. */
  notes: string[];
}

export type Log = (line: string) => void;
