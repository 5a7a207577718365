import { confirmerId, redeemConfirmation } from '../../app/confirmations';
import type { CardAction } from '../../app/routes';
import { getJob, transitionJob } from '../../jobs/job-store';
import { GUID_PATTERN } from '../../ids';
import { field } from './action-data';
import { CONFIRM_KIND } from './prepare-preview';
import { syncProgressCard } from './sync-progress.card';
import { SYNC_VERBS } from './sync-result.card';

/** "Cancel" on a preview: nothing is synced, and the buttons stop working. */
export const cancelSyncAction: CardAction<{ confirmationId: string }> = {
  verb: SYNC_VERBS.cancel,
  access: 'admin',
  parse: (data) => ({ confirmationId: field(data, 'confirmationId', GUID_PATTERN, 'confirmation') }),
  async run(turn, params, deps) {
    const { jobId } = await redeemConfirmation<{ jobId: string }>(deps.db, { id: params.confirmationId, kind: CONFIRM_KIND, userId: confirmerId(turn), now: deps.now() });
    await transitionJob(deps.db, jobId, ['preview'], 'cancelled', { now: deps.now() });
    const job = await getJob(deps.db, jobId);
    if (!job) return { text: 'Cancelled. Nothing was synced.' };
    return { card: syncProgressCard(job, `Cancelled by ${turn.caller.name}. Nothing was synced.`) };
  },
};
