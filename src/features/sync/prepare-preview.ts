import type { Deps } from '../../app/deps';
import type { MessageRef } from '../../app/turn';
import { issueConfirmation } from '../../app/confirmations';
import { tenantCache } from '../../gateways/tenant-cache';
import type { DirectoryGroup, Environment } from '../../gateways/types';
import { getJob, transitionJob } from '../../jobs/job-store';
import type { SyncJob } from '../../jobs/job-types';
import { groupByReason, type ReasonGroup } from '../../jobs/member-store';
import { fillMembers } from './fill-members';
import { groupTeamTally } from './role-step/group-team-roles';
import { NAMES_PER_REASON } from './result-view';
import { syncPreviewCard, type PreviewFix, type PreviewView } from './sync-preview.card';
import { SYNC_VERBS } from './sync-result.card';

export const CONFIRM_KIND = 'sync.group';

/** Predicted reason of members whose only blocker is the environment's security group (predict-member.ts). */
export const GROUP_ONLY = 'security-group';

/** A confirmation for a job waiting in `preview` (redeemed by the sync buttons or "Cancel"). */
export function issueJobConfirmation(deps: Pick<Deps, 'db' | 'config' | 'now'>, jobId: string, requesterId: string): Promise<string> {
  return issueConfirmation(deps.db, {
    kind: CONFIRM_KIND, userId: requesterId, payload: { jobId }, ttlMs: deps.config.confirmationTtlMinutes * 60_000, now: deps.now(),
  });
}

/** "Add 2 people to UAT Access" for the members blocked only by the environment's security group. */
async function fixesFor(deps: Deps, job: SyncJob, groupOnly: ReasonGroup | undefined, confirmationId: string): Promise<PreviewFix[]> {
  if (!groupOnly || groupOnly.count === 0) return [];
  const environment = (await tenantCache(deps).environments()).find((e) => e.id === job.environment.id);
  const groupId = environment?.dataverse?.securityGroupId;
  if (!groupId) return [];
  const group = await tenantCache(deps).group(groupId);
  const people = groupOnly.count === 1 ? (groupOnly.names[0] ?? '1 person') : `${groupOnly.count} people`;
  return [{
    reason: GROUP_ONLY,
    title: `Add ${people} to ${group?.displayName ?? 'the security group'}`,
    verb: SYNC_VERBS.addToGroup,
    data: { jobId: job.id, confirmationId },
  }];
}

/** The preview of a job waiting in `preview`, from what is stored (after a fix, the same card again). */
export async function loadPreview(deps: Deps, jobId: string, confirmationId: string, note?: string): Promise<PreviewView> {
  const job = await getJob(deps.db, jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  const blocked = await groupByReason(deps.db, jobId, 'pending', NAMES_PER_REASON, true);
  const blockedCount = blocked.reduce((sum, g) => sum + g.count, 0);
  const groupOnly = blocked.find((g) => g.reason === GROUP_ONLY);
  return { job, ready: job.totals.members - blockedCount, blocked, confirmationId, fixes: await fixesFor(deps, job, groupOnly, confirmationId), note };
}

/**
 * Fills the job with the group's members and their predictions, then builds the preview with a
 * confirmation bound to the requester.
 */
export async function preparePreview(input: {
  deps: Deps; jobId: string; group: DirectoryGroup; environment: Environment;
  /** Entra object id: the confirmation is bound to it. */
  requesterId: string;
  /** Teams user id: in group chats and channels only this client shows the buttons. */
  requesterTeamsId?: string;
}): Promise<PreviewView> {
  const { deps, jobId, group, environment } = input;
  const job = await getJob(deps.db, jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  // group teams count direct members only (§3.5, UNVERIFIED for nested ones): not tallied when nested members are in
  const tally = job.options.includeNested === true ? null : await groupTeamTally(deps, environment, group);
  const { nestedGroups } = await fillMembers({ deps, jobId, environment, source: { group, includeNested: job.options.includeNested === true }, onUsers: tally ?? undefined });
  const groupTeams = tally?.gifts() ?? [];
  if (nestedGroups.length > 0 || groupTeams.length > 0) {
    const options = {
      ...job.options,
      ...(nestedGroups.length > 0 ? { nestedGroups: { names: nestedGroups.slice(0, 5), total: nestedGroups.length } } : {}),
      ...(groupTeams.length > 0 ? { groupTeams } : {}),
    };
    await transitionJob(deps.db, jobId, ['preview'], 'preview', { now: deps.now(), options });
  }
  const confirmationId = await issueJobConfirmation(deps, jobId, input.requesterId);
  return { ...(await loadPreview(deps, jobId, confirmationId)), requesterId: input.requesterTeamsId };
}

export async function showPreview(deps: Deps, ref: MessageRef, input: Parameters<typeof preparePreview>[0]): Promise<void> {
  try {
    const view = await preparePreview(input);
    await deps.notifier.updateCard(ref, syncPreviewCard(view));
  } catch (error) {
    deps.log.error({ err: error, jobId: input.jobId }, 'sync preview failed');
    await transitionJob(deps.db, input.jobId, ['preview'], 'failed', { now: deps.now(), error: 'The preview could not be prepared.' });
    await deps.notifier.sendText(ref.conversationKey, `I could not prepare the preview for job ${input.jobId}. Nothing was synced. Please try again.`)
      .catch((sendError: unknown) => deps.log.warn({ err: sendError }, 'could not report the failed preview'));
  }
}
