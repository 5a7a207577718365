import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { SyncJob } from '../../jobs/job-types';

/** The "queued" card that becomes the live progress card; also used while a preview is being prepared. */
export function syncProgressCard(job: SyncJob, status?: string): AdaptiveCard {
  const t = job.totals;
  const done = t.synced + t.failed + t.skipped;
  const facts =
    t.members === 0
      ? []
      : [
          { title: 'Members', value: String(t.members) },
          { title: 'Done', value: `${done} of ${t.members} (${Math.floor((done / t.members) * 100)}%)` },
          { title: 'Synced', value: String(t.synced) },
          { title: 'Failed', value: String(t.failed) },
          ...(t.skipped > 0 ? [{ title: 'Skipped', value: String(t.skipped) }] : []),
        ];
  return renderCard('sync-progress', {
    title: `Syncing ${job.target} to ${job.environment.displayName}`,
    status: status ?? (job.state === 'queued' ? 'Queued: starting in a moment.' : 'Running: this card updates as members are added.'),
    facts,
    footer: `Job ${job.id} · started by ${job.requestedBy.name}`,
  });
}
