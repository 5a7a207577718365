import type { AdaptiveCard } from '../../app/turn';
import { formatWhen } from '../../app/text';
import { renderCard } from '../../cards/render';
import type { SyncJob } from '../../jobs/job-types';

/** How the job went, led by an icon (colour alone never says it). */
function outcomeOf(job: SyncJob): string {
  const t = job.totals;
  switch (job.state) {
    case 'done':
      return t.failed > 0
        ? `⚠️ Finished: ${t.synced} synced, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`
        : `✅ Finished: ${t.synced} synced${t.skipped ? `, ${t.skipped} skipped` : ''}`;
    case 'failed':
      return `❌ Stopped: ${job.error ?? 'see the job'}`;
    case 'cancelled':
      return '⏹️ Cancelled before it started';
    case 'preview':
      return '⏸️ Waiting for the person who asked to confirm';
    default:
      return `🔄 ${job.state === 'queued' ? 'Queued' : 'Running'}: ${t.members} members`;
  }
}

/** Recent jobs: who, what, where, when, outcome. Times are UTC so everyone reads the same thing. */
export function historyCard(jobs: SyncJob[]): AdaptiveCard {
  return renderCard('history', {
    example: jobs[0]?.id ?? 'K7Q2XD9M',
    jobs: jobs.map((job) => ({
      id: job.id,
      what: `${job.target} → ${job.environment.displayName}`,
      who: `Job ${job.id} · ${job.requestedBy.name} · ${formatWhen(job.createdAt)}`,
      outcome: outcomeOf(job),
    })),
  });
}
