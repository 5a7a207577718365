import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimStats } from '../../src/sim/server';

/** One measured figure. `target` null = reported for context, no pass/fail. */
export interface Row {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  /** e.g. '≤ 1.15', '≥ 2000'; null when the row has no target. */
  target: string | null;
  pass: boolean | null;
}

type Comparison = { op: '<=' | '>='; limit: number };

/** A row with a target: pass is computed here, never by the caller. */
export function checked(scenario: string, metric: string, value: number, unit: string, target: Comparison): Row {
  const pass = target.op === '<=' ? value <= target.limit : value >= target.limit;
  return { scenario, metric, value: round(value), unit, target: `${target.op === '<=' ? '≤' : '≥'} ${target.limit}`, pass };
}

export function info(scenario: string, metric: string, value: number, unit: string): Row {
  return { scenario, metric, value: round(value), unit, target: null, pass: null };
}

/** Requests the simulator received per API surface (throttled ones included). */
export function requestRows(scenario: string, stats: Pick<SimStats, 'requests'>, suffix = ''): Row[] {
  return (['graph', 'bap', 'dataverse'] as const).map((s) => info(scenario, `${SURFACE_NAMES[s]} requests${suffix}`, stats.requests[s], ''));
}

/** CPU seconds the bot and the simulator used during a sync: tells which process was the bottleneck. */
export function cpuRows(scenario: string, cpu: { bot: number; simulator: number }): Row[] {
  return [info(scenario, 'CPU time of the bot process', cpu.bot, 's'), info(scenario, 'CPU time of the simulator process', cpu.simulator, 's')];
}

const SURFACE_NAMES = { graph: 'Graph', bap: 'BAP', dataverse: 'Dataverse' } as const;

function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| Scenario | Metric | Value | Target | Result |', '|---|---|---:|---|---|'];
  for (const row of rows) {
    const result = row.pass === null ? '' : row.pass ? 'pass' : '**FAIL**';
    lines.push(`| ${row.scenario} | ${row.metric} | ${row.value.toLocaleString('en-US')} ${row.unit} | ${row.target ?? ''} | ${result} |`);
  }
  return lines.join('\n');
}

export interface RunReport {
  mode: 'full' | 'smoke';
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; node: string; platform: string };
  rows: Row[];
  /** Scenarios that threw: name and message. */
  errors: { scenario: string; message: string }[];
}

export function writeReport(path: string, report: RunReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
