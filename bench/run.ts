// `npm run bench`: what auth costs, each figure measured against its baseline in the same run.
// Scenarios: guard, token, authorize, process (all by default; name some to run only those:
// `npm run bench -- guard token`). Prints one Markdown table and writes it, with the machine
// and the notes of each scenario, to the "## npm run bench" section of bench/RESULTS.md.
import { describeMachine, machineNote } from './lib/machine.js';
import { writeResultsSection } from './lib/results.js';
import type { Row, ScenarioResult } from './lib/scenario.js';
import { resultsTable } from './lib/table.js';
import { authorizeScenario } from './scenarios/authorize.js';
import { guardScenario } from './scenarios/guard.js';
import { processScenario } from './scenarios/process.js';
import { tokenScenario } from './scenarios/token.js';

const SCENARIOS: Record<string, (log: (line: string) => void) => Promise<ScenarioResult>> = {
  guard: guardScenario,
  token: tokenScenario,
  authorize: authorizeScenario,
  process: processScenario,
};

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SCENARIOS);
for (const name of chosen) if (!SCENARIOS[name]) throw new Error(`unknown scenario "${name}"; choose from ${Object.keys(SCENARIOS).join(', ')}`);

const machine = machineNote();
const log = (line: string) => process.stderr.write(line + '\n');
log(`machine: ${describeMachine(machine)}`);
const started = performance.now();
const rows: Row[] = [];
const notes: string[] = [];
for (const name of chosen) {
  log(`${name}…`);
  try {
    const result = await SCENARIOS[name]!(log);
    rows.push(...result.rows);
    notes.push(...result.notes);
  } catch (error) {
    // A wrong answer fails the run, but the scenarios already measured are still written.
    log(`${name} FAILED: ${(error as Error).stack ?? String(error)}`);
    notes.push(`**${name} failed**, so it has no rows: ${(error as Error).message.split('\n')[0]}`);
    process.exitCode = 1;
  }
}
const minutes = (performance.now() - started) / 60_000;

const table = resultsTable(rows);
process.stdout.write(table + '\n');
const partial = chosen.length < Object.keys(SCENARIOS).length ? ` (scenarios: ${chosen.join(', ')})` : '';
writeResultsSection(
  'npm run bench',
  [
    '## npm run bench',
    '',
    `Machine: ${describeMachine(machine)}. Whole run${partial}: ${minutes.toFixed(1)} min. Load comes from a separate process (autocannon, keep-alive) on the same cores as the servers.`,
    '',
    table,
    '',
    ...notes.flatMap((n) => [n, '']),
  ].join('\n'),
);
