import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { MemberRow, SyncJob } from '../../jobs/job-types';
import { describeReason } from './describe-reason';
import { SYNC_VERBS } from './sync-result.card';

export const MEMBERS_PER_PAGE = 25;

/** The outcome led by an icon (colour alone never says it), and why when it did not work. */
function outcomeOf(m: MemberRow): { outcome: string; reason: string } {
  switch (m.state) {
    case 'synced':
      return { outcome: m.visible ? '✅ Synced' : '🔄 Added, not visible yet', reason: '' };
    case 'failed':
      return { outcome: '❌ Failed', reason: describeReason(m.reason).title };
    case 'skipped':
      return { outcome: '⏭️ Skipped', reason: describeReason(m.reason).title };
    default:
      return { outcome: '⏳ Not done yet', reason: '' };
  }
}

/** One page of a job's members with their outcome; Previous/Next buttons page through the rest. */
export function syncMembersCard(job: SyncJob, members: MemberRow[], page: number): AdaptiveCard {
  const pages = Math.max(1, Math.ceil(job.totals.members / MEMBERS_PER_PAGE));
  const nav = (title: string, target: number) => ({ title, verb: SYNC_VERBS.membersPage, jobId: job.id, page: String(target) });
  return renderCard('sync-members', {
    title: `${job.target} → ${job.environment.displayName}`,
    subtitle: `Job ${job.id} · page ${page} of ${pages} · ${job.totals.members} members`,
    members: members.map((m) => ({ name: m.displayName, upn: m.userPrincipalName, ...outcomeOf(m) })),
    actions: [...(page > 1 ? [nav('Previous', page - 1)] : []), ...(page < pages ? [nav('Next', page + 1)] : [])],
  });
}
