import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { REQUESTER_ONLY, requesterOnly } from '../../cards/requester-only';
import type { SyncJob } from '../../jobs/job-types';
import { confirmView } from '../diagnose/confirm.card';
import { SYNC_VERBS } from './sync-result.card';

/**
 * "Sync these people into Production?" Confirm and Cancel are the preview's own buttons (sync.confirm
 * with the preview's mode, sync.cancel), so the job runs through the same single-use confirmation.
 */
export function productionConfirmCard(job: SyncJob, confirmationId: string, expiresInMinutes: number, requesterId?: string): AdaptiveCard {
  const people = job.totals.members - job.totals.skipped;
  const view = confirmView({
    title: `Sync ${job.target} to ${job.environment.displayName}?`,
    text: `${job.environment.displayName} is a Production environment, so I ask first. Confirming adds ${people} ${people === 1 ? 'person' : 'people'} to it; nothing happens until then.${job.totals.skipped > 0 ? ` ${job.totals.skipped} not ready will be skipped.` : ''}`,
    confirmTitle: 'Sync now',
    confirmVerb: SYNC_VERBS.confirm,
    cancelVerb: SYNC_VERBS.cancel,
    confirmationId,
    expiresInMinutes,
  });
  const card = renderCard('confirm', {
    ...view,
    confirmData: { ...view.confirmData, mode: job.options.readyOnly ? 'ready' : 'all', [REQUESTER_ONLY]: true },
    cancelData: { ...view.cancelData, [REQUESTER_ONLY]: true },
  });
  return requesterOnly(card, { requesterId, requesterName: job.requestedBy.name, refresh: { verb: SYNC_VERBS.refresh, data: { jobId: job.id, confirmationId } } });
}
