/**
 * The audit row for a finished sync job: who asked, what and where, and how it ended. Called by
 * the job reporter when a job finishes (also a job resumed after a restart).
 */
import type { Deps } from '../app/deps';
import type { SyncJob } from '../jobs/job-types';
import { securityFor } from './guard';

/** The job's outcome as a sentence that follows the requester's name: "synced Financial Coordinators (group) to UAT: 3 of 5 added, 2 failed (job K7Q2XD9M)". */
export function jobSentence(job: Pick<SyncJob, 'id' | 'environment' | 'target' | 'state' | 'totals'>): string {
  const t = job.totals;
  const where = `${job.target} to ${job.environment.displayName}`;
  const counts = [`${t.synced} of ${t.members} added`, ...(t.failed > 0 ? [`${t.failed} failed`] : []), ...(t.skipped > 0 ? [`${t.skipped} skipped`] : [])].join(', ');
  switch (job.state) {
    case 'cancelled':
      return `cancelled the sync of ${where}; nobody was added (job ${job.id})`;
    case 'failed':
      return `started a sync of ${where} that stopped: ${counts} (job ${job.id})`;
    default:
      return `synced ${where}: ${counts} (job ${job.id})`;
  }
}

export async function recordJobOutcome(deps: Deps, job: Pick<SyncJob, 'id' | 'requestedBy' | 'conversationKey' | 'environment' | 'target' | 'state' | 'totals'>): Promise<void> {
  const t = job.totals;
  const failed = job.state === 'failed' || t.failed > 0;
  await securityFor(deps).audit.record({
    actor: job.requestedBy,
    kind: 'job',
    what: `sync job ${job.id}`,
    summary: jobSentence(job),
    environment: job.environment.displayName,
    result: failed ? 'failed' : 'ok',
    code: job.state === 'failed' ? 'job.failed' : t.failed > 0 ? 'job.members_failed' : null,
    conversation: job.conversationKey,
  });
}
