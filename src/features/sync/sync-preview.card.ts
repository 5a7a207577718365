import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { requesterOnly } from '../../cards/requester-only';
import type { SyncJob } from '../../jobs/job-types';
import type { ReasonGroup } from '../../jobs/member-store';
import { namesWithMore, reasonSections } from './describe-reason';
import { SYNC_VERBS } from './sync-result.card';
import { previewRoleFacts } from './role-step/role-facts';

/** A button that fixes one reason group in place, e.g. "Add 2 people to UAT Access". */
export interface PreviewFix {
  reason: string;
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export interface PreviewView {
  job: SyncJob;
  ready: number;
  blocked: ReasonGroup[];
  confirmationId: string;
  /** Fix buttons by reason (shown in that reason's section). */
  fixes?: readonly PreviewFix[];
  /** A line above the summary, e.g. what a fix just did, on a good (default) or attention background. */
  note?: string;
  noteTone?: 'good' | 'attention';
  /** The requester's Teams id: in group chats and channels only their client shows the sync buttons (requester-only.ts). */
  requesterId?: string;
}

function nestedLine(job: SyncJob): string {
  const nested = job.options.nestedGroups;
  if (!nested || nested.total === 0) return '';
  const names = namesWithMore(nested.names, nested.total);
  return job.options.includeNested
    ? `Members of nested groups are included: ${names}.`
    : `Nested groups not included: ${names}. Add "including nested groups" to include their members.`;
}

/**
 * The preview of a group sync, and of a sync of named people that the checks predict will not all work.
 * It leads with what will work: "Sync the N ready" is the primary button, each blocked group comes with
 * its fix, and "Sync all anyway" (for one person, "Sync anyway") comes after.
 */
export function syncPreviewCard(view: PreviewView): AdaptiveCard {
  const { job, ready, blocked, confirmationId } = view;
  const blockedCount = blocked.reduce((sum, g) => sum + g.count, 0);
  const members = job.totals.members;
  const people = job.kind === 'users';
  const button = (title: string, verb: string, mode: string, style = 'default') => ({ title, verb, confirmationId, mode, style });
  const readyButton = button(blockedCount === 0 ? (people ? 'Sync now' : 'Sync all') : `Sync the ${ready} ready`, SYNC_VERBS.confirm, blockedCount === 0 ? 'all' : 'ready', 'positive');
  const anyway = button(people && ready === 0 ? 'Sync anyway' : 'Sync all anyway', SYNC_VERBS.confirm, 'all');
  const actions = job.options.readyOnly
    ? [...(ready > 0 ? [button(`Sync the ${ready} ready`, SYNC_VERBS.confirm, 'ready', 'positive')] : [])]
    : [...(ready > 0 ? [readyButton] : []), ...(blockedCount > 0 ? [anyway] : [])];
  const summary = people
    ? `Before syncing I checked ${members === 1 ? 'this person' : `these ${members} people`}: ${blockedCount === members ? (members === 1 ? 'Power Platform would refuse the sync' : 'Power Platform would refuse them all') : `${blockedCount} of ${members} would be refused`}. Fix it first, or sync anyway.`
    : `${members} member${members === 1 ? '' : 's'} (people only). Here is what the checks predict for each of them.`;
  const card = renderCard('sync-preview', {
    title: people ? `Sync ${job.target} to ${job.environment.displayName}?` : `Preview: sync ${job.target} to ${job.environment.displayName}`,
    note: view.note ?? '',
    noteStyle: view.noteTone ?? 'good',
    summary,
    facts: [
      { title: 'Ready', value: String(ready) },
      { title: 'Blocked', value: String(blockedCount) },
      ...previewRoleFacts(job),
    ],
    nested: nestedLine(job),
    groups: reasonSections(blocked, '⛔').map(({ reason, ...section }) => ({
      ...section,
      fixes: (view.fixes ?? []).filter((f) => f.reason === reason).map(({ title, verb, data }) => ({ title, verb, data: { ...data, verb } })),
    })),
    footer: `Job ${job.id} · asked by ${job.requestedBy.name}`,
    actions: [...actions, button('Cancel', SYNC_VERBS.cancel, 'cancel')],
  });
  return requesterOnly(card, { requesterId: view.requesterId, requesterName: job.requestedBy.name, refresh: { verb: SYNC_VERBS.refresh, data: { jobId: job.id, confirmationId } } });
}
