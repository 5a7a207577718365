import { inert } from '../../app/text';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { REQUESTER_ONLY, requesterOnly } from '../../cards/requester-only';
import type { SyncJob } from '../../jobs/job-types';
import { confirmView } from '../diagnose/confirm.card';
import { SYNC_VERBS } from './sync-result.card';

/** "the Finance Clerk role in business unit Finance", "business unit Finance", or null for a plain sync (names escaped). */
function roleChange(job: SyncJob): string | null {
  const { role, businessUnit } = job.options;
  if (!role && !businessUnit) return null;
  return [role && `the ${inert(role.name)} role`, businessUnit && `${role ? 'in ' : ''}business unit ${inert(businessUnit.name)}`].filter(Boolean).join(' ');
}

/**
 * "Sync these people into Production?", and any sync that also changes security roles or business units
 * ("Sync Jane Doe to UAT as Finance Clerk?"). Confirm and Cancel are the preview's own buttons
 * (sync.confirm with the preview's mode, sync.cancel), so the job runs through the same single-use confirmation.
 */
export function syncConfirmCard(job: SyncJob, confirmationId: string, expiresInMinutes: number, requesterId?: string): AdaptiveCard {
  const people = job.totals.members - job.totals.skipped;
  const who = `${people} ${people === 1 ? 'person' : 'people'}`;
  // Title and text are Markdown TextBlocks: the target (as typed or found), the environment, role and unit names are escaped.
  const env = inert(job.environment.displayName);
  const change = roleChange(job);
  const skipped = job.totals.skipped > 0 ? ` ${job.totals.skipped} not ready will be skipped.` : '';
  const view = confirmView({
    title: `Sync ${inert(job.target)} to ${env}${job.options.role ? ` as ${inert(job.options.role.name)}` : ''}?`,
    text: change
      ? `This changes security roles, so I ask first. Confirming adds ${who} to ${env} and gives ${people === 1 ? 'them' : 'each of them'} ${change} once Dataverse shows them; nothing happens until then.${skipped}`
      : `${env} is a Production environment, so I ask first. Confirming adds ${who} to it; nothing happens until then.${skipped}`,
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
