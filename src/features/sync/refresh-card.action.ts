import type { CardAction } from '../../app/routes';
import { GUID_PATTERN } from '../../ids';
import { getJob } from '../../jobs/job-store';
import { countPredictedBlocked } from '../../jobs/member-store';
import { jobCard } from '../history/show-job';
import { field, jobIdField } from './action-data';
import { loadPreview } from './prepare-preview';
import { syncConfirmCard } from './sync-confirm.card';
import { syncPreviewCard } from './sync-preview.card';
import { SYNC_VERBS } from './sync-result.card';

/**
 * The Universal Actions refresh of a preview or a Production confirm in a group chat or channel
 * (src/cards/requester-only.ts): the requester's client gets the card with its buttons, anyone else who
 * refreshes gets the read-only view; once the job has moved on, everyone gets the card as it stands.
 */
export const refreshCardAction: CardAction<{ jobId: string; confirmationId: string }> = {
  verb: SYNC_VERBS.refresh,
  access: 'helpdesk',
  parse: (data) => ({ jobId: jobIdField(data), confirmationId: field(data, 'confirmationId', GUID_PATTERN, 'confirmation') }),
  async run(turn, params, deps) {
    const job = await getJob(deps.db, params.jobId);
    if (!job || job.state !== 'preview') return { card: await jobCard(deps, params.jobId) };
    const teamsId = turn.caller.teamsId;
    const card = job.kind === 'group' || (await countPredictedBlocked(deps.db, job.id)) > 0
      ? syncPreviewCard({ ...(await loadPreview(deps, job.id, params.confirmationId)), requesterId: teamsId })
      : syncConfirmCard(job, params.confirmationId, deps.config.confirmationTtlMinutes, teamsId);
    const isRequester = turn.caller.aadObjectId !== undefined && turn.caller.aadObjectId.toLowerCase() === job.requestedBy.aadObjectId?.toLowerCase();
    return { card: isRequester ? card : { content: card.readOnly ?? card.content } };
  },
};
