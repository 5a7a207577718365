import type { Db } from '../../store/schema';
import { getJob } from '../../jobs/job-store';
import type { SyncJob } from '../../jobs/job-types';
import { countFailed, groupByReason, type ReasonGroup } from '../../jobs/member-store';
import { RETRYABLE } from './retryable';
import { roleFailures, roleTotals, type RoleFailure, type RoleTotals } from '../../jobs/role-outcomes';

/** Names shown per reason on a card before "and N more". */
export const NAMES_PER_REASON = 5;

export interface ResultView {
  job: SyncJob;
  failures: ReasonGroup[];
  skipped: ReasonGroup[];
  /** Failed members a retry can help (RETRYABLE). */
  retryable: number;
  /** A sync with a role or business unit: how its step went for the synced members (null without one). */
  roleStep?: { totals: RoleTotals; failures: RoleFailure[] } | null;
}

export async function loadResultView(db: Db, jobId: string): Promise<ResultView | null> {
  const job = await getJob(db, jobId);
  if (!job) return null;
  return {
    job,
    failures: await groupByReason(db, jobId, 'failed', NAMES_PER_REASON),
    skipped: await groupByReason(db, jobId, 'skipped', NAMES_PER_REASON),
    retryable: job.totals.failed > 0 ? await countFailed(db, jobId, RETRYABLE) : 0,
    roleStep: job.options.role || job.options.businessUnit ? { totals: await roleTotals(db, jobId), failures: await roleFailures(db, jobId, NAMES_PER_REASON) } : null,
  };
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
