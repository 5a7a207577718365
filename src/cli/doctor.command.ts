import { invalidInput } from '../errors';
import type { DoctorCheck, DoctorReport } from '../features/doctor/doctor-report';
import { invalidConfigReport, runDoctor } from '../features/doctor/run-doctor';
import type { CliCommand, CliIo } from './commands';

const ICON: Record<DoctorCheck['status'], string> = { pass: '✅', warn: '⚠️ ', fail: '❌' };

function parseArgs(args: readonly string[]): { json: boolean } {
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length > 0) throw invalidInput(`Unknown option ${unknown.join(' ')}. Usage: doctor [--json]`);
  return { json: args.includes('--json') };
}

/** One line per check, then its fix indented; `--json`: the report as data. Exit code 1 when a check failed. */
function print(report: DoctorReport, json: boolean, io: CliIo): number {
  if (json) io.out(JSON.stringify(report, null, 2));
  else {
    for (const check of report.checks) {
      io.out(`${ICON[check.status]} ${check.title}: ${check.detail}`);
      if (check.status !== 'pass' && check.fix) for (const line of check.fix.split('\n')) io.out(`     ${line}`);
    }
  }
  return report.status === 'fail' ? 1 : 0;
}

/** `doctor [--json]`: the same self-check as the bot's `doctor` command. */
export const doctorCliCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--json]',
  summary: "Check the bot's own setup in the tenant and print the fix for each problem.",
  async run(args, deps, io) {
    const { json } = parseArgs(args);
    return print(await runDoctor(deps), json, io);
  },
  whenConfigInvalid(args, problems, io) {
    return print(invalidConfigReport(problems), args.includes('--json'), io);
  },
};
