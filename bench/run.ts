/**
 * `npm run bench` runs every scenario against the simulated tenant (its own process) with the real
 * bot (its own process), prints a markdown table and writes bench/results/latest.json.
 *   --smoke          every scenario at small N (CI; well under a minute)
 *   --only a,b       only these scenario ids (sync-limit, seed, diagnosis, responsiveness, scale, sim-headroom, doctor, sync-role, app-list, who-has-access)
 *   --out FILE       where to write the JSON (default bench/results/latest.json)
 * Exit code 1 when a scenario could not run; in a full run also when a target is missed.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { markdownTable, writeReport, type Row, type RunReport } from './lib/results';
import type { Mode, Scenario } from './lib/scenario';
import { appListScenario } from './scenarios/app-list';
import { diagnosisScenario } from './scenarios/diagnosis';
import { doctorScenario } from './scenarios/doctor';
import { responsivenessScenario } from './scenarios/responsiveness';
import { scaleScenario } from './scenarios/scale';
import { seedComparisonScenario } from './scenarios/seed-comparison';
import { syncLimitScenario } from './scenarios/sync-limit';
import { syncRoleScenario } from './scenarios/sync-role';
import { whoHasAccessScenario } from './scenarios/who-has-access';
import { simHeadroomScenario } from './sim-headroom';

const SCENARIOS: readonly Scenario[] = [syncLimitScenario, seedComparisonScenario, diagnosisScenario, responsivenessScenario, scaleScenario, simHeadroomScenario, doctorScenario, syncRoleScenario, appListScenario, whoHasAccessScenario];

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { smoke: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' } } });
  const mode: Mode = values.smoke ? 'smoke' : 'full';
  const wanted = values.only?.split(',').map((s) => s.trim()) ?? null;
  const unknown = wanted?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`Unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.map((s) => s.id).join(', ')}\n`);
    return 1;
  }
  const started = Date.now();
  const rows: Row[] = [];
  const errors: RunReport['errors'] = [];
  for (const scenario of SCENARIOS.filter((s) => wanted === null || wanted.includes(s.id))) {
    const scenarioStart = Date.now();
    try {
      rows.push(...(await scenario.run(mode, (line) => process.stderr.write(`▶ ${line}\n`))));
    } catch (error) {
      errors.push({ scenario: scenario.id, message: error instanceof Error ? error.message : String(error) });
      process.stderr.write(`✖ ${scenario.id}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    }
    process.stderr.write(`  (${((Date.now() - scenarioStart) / 1000).toFixed(1)} s)\n`);
  }
  const report: RunReport = {
    mode,
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
    machine: { cpus: cpus().length, node: process.version, platform: process.platform },
    rows,
    errors,
  };
  const out = values.out ?? join(__dirname, 'results', 'latest.json');
  writeReport(out, report);
  process.stdout.write(`\n${markdownTable(rows)}\n\n${mode} run, ${report.durationSeconds} s on ${report.machine.cpus} CPUs; written to ${out}\n`);
  for (const e of errors) process.stdout.write(`Scenario ${e.scenario} could not run: ${e.message}\n`);
  const missed = rows.filter((r) => r.pass === false).length;
  if (missed > 0) process.stdout.write(`${missed} target(s) missed.\n`);
  return errors.length > 0 || (mode === 'full' && missed > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
