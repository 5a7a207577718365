import type { Deps } from '../../app/deps';
import type { MessageRef } from '../../app/turn';
import { issueConfirmation } from '../../app/confirmations';
import type { DirectoryGroup, Environment } from '../../gateways/types';
import { getJob, transitionJob } from '../../jobs/job-store';
import { groupByReason } from '../../jobs/member-store';
import { fillMembers } from './fill-members';
import { groupTeamTally } from './role-step/group-team-roles';
import { NAMES_PER_REASON } from './result-view';
import { syncPreviewCard, type PreviewView } from './sync-preview.card';

export const CONFIRM_KIND = 'sync.group';

/** A confirmation for a job waiting in `preview` (redeemed by "Sync all" / "Sync ready only" / "Cancel"). */
export function issueJobConfirmation(deps: Pick<Deps, 'db' | 'config' | 'now'>, jobId: string, requesterId: string): Promise<string> {
  return issueConfirmation(deps.db, {
    kind: CONFIRM_KIND, userId: requesterId, payload: { jobId }, ttlMs: deps.config.confirmationTtlMinutes * 60_000, now: deps.now(),
  });
}

/**
 * Fills the job with the group's members and their predictions, then builds the preview with a
 * confirmation bound to the requester.
 */
export async function preparePreview(input: {
  deps: Deps; jobId: string; group: DirectoryGroup; environment: Environment; requesterId: string;
}): Promise<PreviewView> {
  const { deps, jobId, group, environment } = input;
  const job = await getJob(deps.db, jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  // group teams count direct members only (§3.5, UNVERIFIED for nested ones): not tallied when nested members are in
  const tally = job.options.includeNested === true ? null : await groupTeamTally(deps, environment, group);
  const { nestedGroups } = await fillMembers({ deps, jobId, environment, source: { group, includeNested: job.options.includeNested === true }, onUsers: tally ?? undefined });
  const groupTeams = tally?.gifts() ?? [];
  if (groupTeams.length > 0) await transitionJob(deps.db, jobId, ['preview'], 'preview', { now: deps.now(), options: { ...job.options, groupTeams } });
  const filled = await getJob(deps.db, jobId);
  if (!filled) throw new Error(`job ${jobId} vanished`);
  const blocked = await groupByReason(deps.db, jobId, 'pending', NAMES_PER_REASON, true);
  const confirmationId = await issueJobConfirmation(deps, jobId, input.requesterId);
  return { job: filled, ready: filled.totals.members - blocked.reduce((sum, g) => sum + g.count, 0), blocked, nestedGroups, confirmationId };
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
