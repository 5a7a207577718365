import type { DataSource } from '../../config';

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One line of the report: what was checked, how it went, and the exact fix when it did not pass. */
export interface DoctorCheck {
  /** Stable, e.g. `graph.User.Read.All`, `group.admins`, `dataverse`. */
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  /** A permission name, portal path, or the `pac` / PowerShell / REST call to run; null when it passed. */
  fix: string | null;
}

/** The `doctor` result (also the CLI's `--json`): the worst status first, then every check in a fixed order. */
export interface DoctorReport {
  status: CheckStatus;
  version: string;
  dataSource: DataSource | null;
  checks: DoctorCheck[];
}

const RANK: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

export function worstOf(checks: readonly Pick<DoctorCheck, 'status'>[]): CheckStatus {
  return checks.reduce<CheckStatus>((worst, c) => (RANK[c.status] > RANK[worst] ? c.status : worst), 'pass');
}

export const passed = (id: string, title: string, detail: string): DoctorCheck => ({ id, status: 'pass', title, detail, fix: null });

/** A check that could not run because another one failed: a warning whose fix is that check's. */
export const notChecked = (id: string, title: string, because: string, first: string): DoctorCheck => ({
  id,
  status: 'warn',
  title,
  detail: `Not checked: ${because}`,
  fix: `Fix "${first}" first, then run doctor again.`,
});

/** "2 failed, 1 warning, 12 passed" */
export function summaryOf(checks: readonly DoctorCheck[]): string {
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  const parts = [
    [count('fail'), 'failed', 'failed'],
    [count('warn'), 'warning', 'warnings'],
    [count('pass'), 'passed', 'passed'],
  ] as const;
  return parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(', ');
}
