// bench/RESULTS.md holds one section per benchmark script; each script replaces only its own.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const RESULTS_FILE = new URL('../RESULTS.md', import.meta.url);

/** Replaces the `## <title>` section of bench/RESULTS.md with `section` (which starts with that heading). */
export function writeResultsSection(title: string, section: string): void {
  const heading = `## ${title}`;
  const current = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmark results\n\n';
  const start = current.search(new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm'));
  let updated: string;
  if (start === -1) {
    updated = current.replace(/\n*$/, '\n\n') + section;
  } else {
    const rest = current.slice(start + heading.length);
    const nextHeading = rest.search(/^## /m);
    updated = current.slice(0, start) + section + (nextHeading === -1 ? '' : '\n' + rest.slice(nextHeading));
  }
  writeFileSync(RESULTS_FILE, updated.replace(/\n*$/, '\n'));
}

export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
