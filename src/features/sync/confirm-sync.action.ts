import { confirmerId, redeemConfirmation } from '../../app/confirmations';
import type { CardAction } from '../../app/routes';
import { getJob, transitionJob } from '../../jobs/job-store';
import { skipBlocked } from '../../jobs/member-store';
import { GUID_PATTERN } from '../../ids';
import { field } from './action-data';
import { CONFIRM_KIND } from './prepare-preview';
import { syncProgressCard } from './sync-progress.card';
import { SYNC_VERBS } from './sync-result.card';
import { syncRuntimeFor } from './sync-runtime';

interface ConfirmParams {
  confirmationId: string;
  mode: 'all' | 'ready';
}

/** "Sync all" / "Sync ready only" on a preview: single-use and only for the person who asked. */
export const confirmSyncAction: CardAction<ConfirmParams> = {
  verb: SYNC_VERBS.confirm,
  access: 'admin',
  expensive: true,
  parse: (data) => ({ confirmationId: field(data, 'confirmationId', GUID_PATTERN, 'confirmation'), mode: field(data, 'mode', /^(all|ready)$/, 'choice') as ConfirmParams['mode'] }),
  async run(turn, params, deps) {
    const { jobId } = await redeemConfirmation<{ jobId: string }>(deps.db, { id: params.confirmationId, kind: CONFIRM_KIND, userId: confirmerId(turn), now: deps.now() });
    const job = await getJob(deps.db, jobId);
    if (!job) return { text: 'That sync job no longer exists.' };
    const queued = await deps.db.transaction().execute(async (trx) => {
      if (params.mode === 'ready') await skipBlocked(trx, jobId);
      return transitionJob(trx, jobId, ['preview'], 'queued', { now: deps.now(), options: { ...job.options, readyOnly: params.mode === 'ready' } });
    });
    if (!queued) return { text: `Job ${jobId} was already started or cancelled.` };
    await syncRuntimeFor(deps).engine.start(jobId);
    const started = (await getJob(deps.db, jobId)) ?? job;
    return { card: syncProgressCard(started) };
  },
};
