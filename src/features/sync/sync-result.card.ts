import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { reasonSections } from './describe-reason';
import { formatDuration, type ResultView } from './result-view';
import { roleResultFact } from './role-step/role-facts';
import { roleSections } from './role-step/role-sections';

export const SYNC_VERBS = {
  retryFailed: 'sync.retry-failed',
  showAll: 'sync.show-all',
  recheck: 'sync.recheck',
  confirm: 'sync.confirm',
  cancel: 'sync.cancel',
  choose: 'sync.choose',
  membersPage: 'sync.members-page',
  addToGroup: 'sync.add-to-group',
  confirmAdd: 'sync.confirm-add',
  cancelAdd: 'sync.cancel-add',
  /** Universal Actions refresh of a card only the requester may act on (refresh-card.action.ts). */
  refresh: 'sync.refresh',
} as const;

/** One line per outcome, used by the card and by the failure message. */
export function outcomeSummary({ job }: ResultView): string {
  const t = job.totals;
  const parts = [`${t.synced} of ${t.members} synced`, `${t.failed} failed`];
  if (t.skipped > 0) parts.push(`${t.skipped} skipped`);
  if (t.pending > 0) parts.push(`${t.pending} not attempted`);
  const duration = job.startedAt !== null && job.finishedAt !== null ? ` in ${formatDuration(job.finishedAt - job.startedAt)}` : '';
  return `${parts.join(', ')}${duration}.`;
}

export function syncResultCard(view: ResultView): AdaptiveCard {
  const { job, failures, skipped, retryable } = view;
  const t = job.totals;
  const notVisible = t.synced - t.visible;
  const finished = job.state === 'done' || job.state === 'failed';
  const outcome = job.state === 'failed' ? '❌ stopped' : t.failed > 0 ? `⚠️ finished with ${t.failed} failure${t.failed === 1 ? '' : 's'}` : '✅ finished';
  const facts = [
    { title: 'Members', value: String(t.members) },
    { title: 'Synced', value: notVisible > 0 ? `${t.synced} (${t.visible} confirmed in Dataverse)` : String(t.synced) },
    ...(notVisible > 0 ? [{ title: 'Added, not visible yet', value: `${notVisible} (Dataverse can take a few minutes)` }] : []),
    { title: 'Failed', value: String(t.failed) },
    ...(t.skipped > 0 ? [{ title: 'Skipped', value: String(t.skipped) }] : []),
    ...(job.startedAt !== null && job.finishedAt !== null ? [{ title: 'Duration', value: formatDuration(job.finishedAt - job.startedAt) }] : []),
    ...(view.roleStep ? [roleResultFact(job, view.roleStep.totals)].filter((fact) => fact !== null) : []),
  ];
  const action = (title: string, verb: string, page = '1') => ({ title, verb, jobId: job.id, page });
  // A retry helps only where the service was busy or a licence may still be on its way (retryable.ts).
  const retryTitle = retryable === t.failed ? 'Retry failed' : `Retry the ${retryable} that may work now`;
  return renderCard('sync-result', {
    title: `Sync of ${job.target} to ${job.environment.displayName}: ${outcome}`,
    summary: outcomeSummary(view),
    error: job.error ?? '',
    facts,
    groups: [...reasonSections(failures, '❌'), ...reasonSections(skipped, '⏭️ Skipped:')].map(({ reason: _reason, ...section }) => section).concat(roleSections(view)),
    footer: `Job ${job.id} · started by ${job.requestedBy.name}`,
    canRecheck: finished && t.members > 0,
    actions: [
      ...(finished && retryable > 0 ? [action(retryTitle, SYNC_VERBS.retryFailed)] : []),
      ...(t.members > 0 ? [action('Show all', SYNC_VERBS.showAll)] : []),
      ...(finished && t.members > 0 ? [action('Re-check a user', SYNC_VERBS.recheck)] : []),
    ],
  });
}
