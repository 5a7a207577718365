import type { AdaptiveCard } from '../../app/turn';
import { formatWhen } from '../../app/text';
import { renderCard } from '../../cards/render';
import type { SyncJob } from '../../jobs/job-types';

function outcomeOf(job: SyncJob): { outcome: string; color: string } {
  const t = job.totals;
  switch (job.state) {
    case 'done':
      return t.failed > 0
        ? { outcome: `Finished: ${t.synced} synced, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`, color: 'Warning' }
        : { outcome: `Finished: ${t.synced} synced${t.skipped ? `, ${t.skipped} skipped` : ''}`, color: 'Good' };
    case 'failed':
      return { outcome: `Stopped: ${job.error ?? 'see the job'}`, color: 'Attention' };
    case 'cancelled':
      return { outcome: 'Cancelled before it started', color: 'Default' };
    default:
      return { outcome: `${job.state === 'queued' ? 'Queued' : 'Running'}: ${t.members} members`, color: 'Accent' };
  }
}

/** Recent jobs: who, what, where, when, outcome. Times are UTC so everyone reads the same thing. */
export function historyCard(jobs: SyncJob[]): AdaptiveCard {
  return renderCard('history', {
    jobs: jobs.map((job) => ({
      id: job.id,
      what: `${job.target} → ${job.environment.displayName}`,
      who: `Job ${job.id} · ${job.requestedBy.name} · ${formatWhen(job.createdAt)}`,
      ...outcomeOf(job),
    })),
  });
}
