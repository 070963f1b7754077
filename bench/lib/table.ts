// The one Markdown table `npm run bench` prints: every figure beside its baseline and its goal.
import { thousands } from './results.js';
import type { Row } from './scenario.js';

function figure(value: number, unit: string): string {
  return unit === 'req/s' || unit === 'flows/s' ? `${thousands(value)} ${unit}` : `${Math.round(value * 10) / 10} ${unit}`;
}

function verdict(row: Row): { ratio: string; goal: string; met: string } {
  const ratio = row.baseline ? (row.baseline.ratio ?? row.value / row.baseline.value) : NaN;
  const shown = Number.isNaN(ratio) ? '' : ratio.toFixed(2);
  if (!row.goal) return { ratio: shown, goal: '', met: '' };
  if (row.goal.kind === 'at-most') {
    return { ratio: shown, goal: `≤ ${row.goal.value} ${row.unit}`, met: row.value <= row.goal.value ? 'yes' : '**no**' };
  }
  // 0.947 against 0.95 would print as "0.95 … no": such a ratio gets its third digit.
  const exact = Number(shown) === row.goal.value && ratio !== row.goal.value ? ratio.toFixed(3) : shown;
  return { ratio: exact, goal: `≥ ${row.goal.value.toFixed(2)}`, met: ratio >= row.goal.value ? 'yes' : '**no**' };
}

export function resultsTable(rows: readonly Row[]): string {
  const lines = [
    '| scenario | target | result | baseline (same run) | ratio | goal | met | p50 / p99 ms | answers checked |',
    '|---|---|---:|---|---:|---:|:---:|---:|---:|',
  ];
  for (const row of rows) {
    const { ratio, goal, met } = verdict(row);
    const baseline = row.baseline ? `${row.baseline.name}: ${figure(row.baseline.value, row.unit)}` : '';
    const latency = row.latency ? `${row.latency.p50} / ${row.latency.p99}` : '';
    const checked = row.checked !== undefined ? thousands(row.checked) : '';
    lines.push(`| ${row.scenario} | ${row.target} | ${figure(row.value, row.unit)} | ${baseline} | ${ratio} | ${goal} | ${met} | ${latency} | ${checked} |`);
  }
  return lines.join('\n');
}
