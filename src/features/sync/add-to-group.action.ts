import type { Deps } from '../../app/deps';
import { confirmerId, issueConfirmation, redeemConfirmation } from '../../app/confirmations';
import type { CardAction } from '../../app/routes';
import type { Turn } from '../../app/turn';
import { AppError } from '../../errors';
import { isGraphStatus } from '../../gateways/graph/graph-errors';
import { tenantCache } from '../../gateways/tenant-cache';
import { GUID_PATTERN } from '../../ids';
import { getJob } from '../../jobs/job-store';
import type { MemberRow } from '../../jobs/job-types';
import { listMembers, markPredictedReady } from '../../jobs/member-store';
import { mapBounded } from '../../map-bounded';
import { recordChange } from '../../security/guard';
import { noteRefusal } from '../../security/refusals';
import { confirmCard } from '../diagnose/confirm.card';
import { field, jobIdField } from './action-data';
import { namesWithMore } from './describe-reason';
import { GROUP_ONLY, loadPreview } from './prepare-preview';
import { syncPreviewCard } from './sync-preview.card';
import { SYNC_VERBS } from './sync-result.card';

const KIND = SYNC_VERBS.addToGroup;
/** People added per click: each is one Graph request, and the click waits for them. The preview offers the rest again. */
export const MAX_ADDS_PER_CLICK = 50;
const ADDS_IN_FLIGHT = 4;
const PAGE = 500;

interface AddPayload {
  jobId: string;
  /** The preview's own confirmation, so the refreshed preview keeps working buttons. */
  previewConfirmationId: string;
  groupId: string;
  groupName: string;
  members: { objectId: string; displayName: string }[];
}

interface AddParams {
  jobId: string;
  confirmationId: string;
}

/** Members of a preview blocked only by the security group, in member order, at most `limit`. */
async function blockedByGroupOnly(deps: Deps, jobId: string, limit: number): Promise<{ members: MemberRow[]; total: number }> {
  const members: MemberRow[] = [];
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await listMembers(deps.db, jobId, { state: 'pending', offset, limit: PAGE });
    for (const m of page) {
      if (m.prediction !== 'blocked' || m.predictionReason !== GROUP_ONLY) continue;
      total += 1;
      if (members.length < limit) members.push(m);
    }
    if (page.length < PAGE) return { members, total };
  }
}

async function securityGroupOf(deps: Deps, environmentId: string): Promise<{ id: string; name: string } | null> {
  const environment = (await tenantCache(deps).environments()).find((e) => e.id === environmentId);
  const id = environment?.dataverse?.securityGroupId;
  if (!id) return null;
  return { id, name: (await tenantCache(deps).group(id))?.displayName ?? 'the security group' };
}

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/**
 * "Add 2 people to UAT Access" on a preview: asks the clicking admin to confirm, naming the people.
 * The confirm card replaces the preview; confirming (or cancelling) brings the preview back.
 */
export const addToGroupAction: CardAction<AddParams> = {
  verb: SYNC_VERBS.addToGroup,
  access: 'admin',
  parse: (data) => ({ jobId: jobIdField(data), confirmationId: field(data, 'confirmationId', GUID_PATTERN, 'confirmation') }),
  async run(turn, params, deps) {
    const job = await getJob(deps.db, params.jobId);
    if (!job) throw new AppError('job.not_found', `There is no sync job ${params.jobId}.`);
    if (job.state !== 'preview') return { text: `Job ${job.id} was already started or cancelled, so I added nobody.` };
    const group = await securityGroupOf(deps, job.environment.id);
    if (!group) return { text: `${job.environment.displayName} has no security group, so there is nobody to add to one.` };
    const { members, total } = await blockedByGroupOnly(deps, job.id, MAX_ADDS_PER_CLICK);
    if (members.length === 0) return { text: `Nobody in this preview is waiting only for ${group.name}.` };
    const ttlMinutes = deps.config.confirmationTtlMinutes;
    const payload: AddPayload = {
      jobId: job.id, previewConfirmationId: params.confirmationId, groupId: group.id, groupName: group.name,
      members: members.map((m) => ({ objectId: m.objectId, displayName: m.displayName })),
    };
    const confirmationId = await issueConfirmation<AddPayload>(deps.db, { kind: KIND, userId: confirmerId(turn), payload, ttlMs: ttlMinutes * 60_000, now: deps.now() });
    const later = total > members.length ? ` The other ${total - members.length} can be added with the same button afterwards (${MAX_ADDS_PER_CLICK} at a time).` : '';
    return {
      card: confirmCard({
        title: `Add ${people(members.length)} to ${group.name}?`,
        text: `${namesWithMore(members.slice(0, 10).map((m) => m.displayName), members.length)} become${members.length === 1 ? 's a direct member' : ' direct members'} of the Entra group ${group.name}, which controls who can get into ${job.environment.displayName}. Then the preview counts them as ready.${later}`,
        confirmTitle: `Add ${people(members.length)}`,
        confirmVerb: SYNC_VERBS.confirmAdd,
        cancelVerb: SYNC_VERBS.cancelAdd,
        confirmationId,
        expiresInMinutes: ttlMinutes,
      }),
    };
  },
};

/** Graph's 403 on adding a member: the one permission missing, in words an admin can act on. */
const NO_WRITE_PERMISSION =
  "Microsoft Graph refused (403 Forbidden): the bot's app registration lacks the application permission GroupMember.ReadWrite.All, which adding people to a group needs. An Entra admin can grant it (App registrations → API permissions → Grant admin consent); until then add them in the Entra admin center.";

async function addAll(turn: Turn, deps: Deps, payload: AddPayload): Promise<{ added: AddPayload['members']; failed: string[]; forbidden: boolean }> {
  const results = await mapBounded(payload.members, ADDS_IN_FLIGHT, async (member) => {
    try {
      await deps.graph.addGroupMember(payload.groupId, member.objectId);
      return { member, error: null };
    } catch (error) {
      return { member, error };
    }
  });
  const forbidden = results.some((r) => r.error instanceof AppError && isGraphStatus(r.error.cause, 403));
  for (const r of results.filter((x) => x.error !== null)) turn.log.warn({ err: r.error, groupId: payload.groupId }, 'sync preview: could not add a member to the security group');
  return { added: results.filter((r) => r.error === null).map((r) => r.member), failed: results.filter((r) => r.error !== null).map((r) => r.member.displayName), forbidden };
}

export const confirmAddAction: CardAction<{ confirmationId: string }> = {
  verb: SYNC_VERBS.confirmAdd,
  access: 'admin',
  parse: (data) => ({ confirmationId: field(data, 'confirmationId', GUID_PATTERN, 'confirmation') }),
  async run(turn, params, deps) {
    const payload = await redeemConfirmation<AddPayload>(deps.db, { id: params.confirmationId, kind: KIND, userId: confirmerId(turn), now: deps.now() });
    const job = await getJob(deps.db, payload.jobId);
    if (!job || job.state !== 'preview') return { text: 'That preview was already started or cancelled, so I added nobody.' };
    const group = await securityGroupOf(deps, job.environment.id);
    if (!group || group.id.toLowerCase() !== payload.groupId.toLowerCase()) {
      return { text: `The security group of ${job.environment.displayName} changed since you asked, so I added nobody. Run the sync again.` };
    }
    const { added, failed, forbidden } = await addAll(turn, deps, payload);
    if (added.length > 0) {
      await markPredictedReady(deps.db, job.id, added.map((m) => m.objectId), GROUP_ONLY);
      await recordChange(deps, turn, SYNC_VERBS.confirmAdd, `added ${namesWithMore(added.slice(0, 10).map((m) => m.displayName), added.length)} to ${payload.groupName}`, job.environment.displayName);
    }
    if (added.length === 0 && forbidden) noteRefusal(turn, 'graph.failed');
    const done = added.length > 0 ? `Added ${namesWithMore(added.slice(0, 10).map((m) => m.displayName), added.length)} to ${payload.groupName}: they count as ready now.` : `I added nobody to ${payload.groupName}.`;
    const trouble = failed.length === 0 ? '' : forbidden ? ` ${NO_WRITE_PERMISSION}` : ` I couldn't add ${namesWithMore(failed.slice(0, 10), failed.length)}; try again in a minute.`;
    const view = await loadPreview(deps, job.id, payload.previewConfirmationId, `${added.length > 0 ? '✅' : '⛔'} ${done}${trouble}`);
    return { card: syncPreviewCard({ ...view, noteTone: added.length > 0 && failed.length === 0 ? 'good' : 'attention' }) };
  },
};

/** "Cancel" on the add confirmation: nobody is added and the preview comes back as it was. */
export const cancelAddAction: CardAction<{ confirmationId: string }> = {
  verb: SYNC_VERBS.cancelAdd,
  access: 'admin',
  parse: (data) => ({ confirmationId: field(data, 'confirmationId', GUID_PATTERN, 'confirmation') }),
  async run(turn, params, deps) {
    const payload = await redeemConfirmation<AddPayload>(deps.db, { id: params.confirmationId, kind: KIND, userId: confirmerId(turn), now: deps.now() });
    const job = await getJob(deps.db, payload.jobId);
    if (!job || job.state !== 'preview') return { text: 'Cancelled. Nothing was changed.' };
    return { card: syncPreviewCard(await loadPreview(deps, job.id, payload.previewConfirmationId)) };
  },
};
