// What the figures were taken on: a ratio travels between machines, a req/s figure does not.
import { cpus, loadavg } from 'node:os';

export interface MachineNote {
  cpu: string;
  cores: number;
  node: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAtStart: [number, number, number];
  date: string;
}

export function machineNote(): MachineNote {
  const [one, five, fifteen] = loadavg() as [number, number, number];
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    node: process.version,
    loadAtStart: [one, five, fifteen].map((n) => Math.round(n * 100) / 100) as [number, number, number],
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}

export function describeMachine(m: MachineNote): string {
  return `${m.cpu}, ${m.cores} cores, Node ${m.node}, load average at start ${m.loadAtStart.join(' / ')} (1/5/15 min), ${m.date}`;
}
