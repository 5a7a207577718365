import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { SyncJob } from '../../jobs/job-types';
import type { ReasonGroup } from '../../jobs/member-store';
import { namesWithMore, reasonSections } from './describe-reason';
import { SYNC_VERBS } from './sync-result.card';
import { previewRoleFacts } from './role-step/role-facts';

export interface PreviewView {
  job: SyncJob;
  ready: number;
  blocked: ReasonGroup[];
  /** Nested groups found among the members (listed; their members only count with "including nested groups"). */
  nestedGroups: string[];
  confirmationId: string;
}

export function syncPreviewCard(view: PreviewView): AdaptiveCard {
  const { job, ready, blocked, nestedGroups, confirmationId } = view;
  const blockedCount = blocked.reduce((sum, g) => sum + g.count, 0);
  const nestedText = nestedGroups.length === 0 ? '' : job.options.includeNested
    ? `Members of nested groups are included: ${namesWithMore(nestedGroups.slice(0, 5), nestedGroups.length)}.`
    : `Nested groups not included: ${namesWithMore(nestedGroups.slice(0, 5), nestedGroups.length)}. Add "including nested groups" to include their members.`;
  const action = (title: string, verb: string, mode: string) => ({ title, verb, confirmationId, mode });
  return renderCard('sync-preview', {
    title: `Preview: sync ${job.target} to ${job.environment.displayName}`,
    summary: `${job.totals.members} member${job.totals.members === 1 ? '' : 's'} (people only). Here is what the checks predict for each of them.`,
    facts: [
      { title: 'Ready', value: String(ready) },
      { title: 'Blocked', value: String(blockedCount) },
      ...previewRoleFacts(job),
    ],
    nested: nestedText,
    groups: reasonSections(blocked, '', 'Warning'),
    footer: `Job ${job.id} · asked by ${job.requestedBy.name} · only they can start it`,
    actions: [
      // "Only members who are ready" was asked for up front: offer just that.
      ...(job.totals.members > 0 && !job.options.readyOnly ? [action('Sync all', SYNC_VERBS.confirm, 'all')] : []),
      ...(ready > 0 && (blockedCount > 0 || job.options.readyOnly) ? [action('Sync ready only', SYNC_VERBS.confirm, 'ready')] : []),
      action('Cancel', SYNC_VERBS.cancel, 'cancel'),
    ],
  });
}
