/**
 * The audit row for a finished sync job: who asked, what and where, and how it ended. Called by
 * the job reporter when a job finishes (also a job resumed after a restart).
 */
import type { Deps } from '../app/deps';
import type { SyncJob } from '../jobs/job-types';
import { securityFor } from './guard';

export async function recordJobOutcome(deps: Deps, job: Pick<SyncJob, 'id' | 'requestedBy' | 'conversationKey' | 'environment' | 'target' | 'state' | 'totals'>): Promise<void> {
  const t = job.totals;
  const ended = job.state === 'cancelled' ? ' (cancelled)' : job.state === 'failed' ? ' (the job failed)' : '';
  const failed = job.state === 'failed' || t.failed > 0;
  await securityFor(deps).audit.record({
    actor: job.requestedBy,
    kind: 'job',
    what: `sync job ${job.id}`,
    summary: `${job.target} to ${job.environment.displayName}: ${t.synced} synced, ${t.failed} failed, ${t.skipped} skipped of ${t.members}${ended}`,
    environment: job.environment.displayName,
    result: failed ? 'failed' : 'ok',
    code: job.state === 'failed' ? 'job.failed' : t.failed > 0 ? 'job.members_failed' : null,
    conversation: job.conversationKey,
  });
}
