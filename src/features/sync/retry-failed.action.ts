import { confirmerId } from '../../app/confirmations';
import type { CardAction } from '../../app/routes';
import { confirmBeforeSync } from '../../domain/confirm-before-sync';
import { AppError } from '../../errors';
import { createJob, getJob, setJobCard } from '../../jobs/job-store';
import { copyFailedMembers, countFailed } from '../../jobs/member-store';
import { RETRYABLE } from './retryable';
import { jobIdField } from './action-data';
import { issueJobConfirmation } from './prepare-preview';
import { syncConfirmCard } from './sync-confirm.card';
import { syncProgressCard } from './sync-progress.card';
import { SYNC_VERBS } from './sync-result.card';
import { syncRuntimeFor } from './sync-runtime';

/**
 * "Retry failed": a new job with the failed members a retry can help (RETRYABLE), posted as a new card. Into
 * Production it asks the clicker to confirm first, like any other sync there.
 */
export const retryFailedAction: CardAction<{ jobId: string }> = {
  verb: SYNC_VERBS.retryFailed,
  access: 'admin',
  expensive: true,
  parse: (data) => ({ jobId: jobIdField(data) }),
  async run(turn, params, deps) {
    const original = await getJob(deps.db, params.jobId);
    if (!original) throw new AppError('job.not_found', `There is no sync job ${params.jobId}.`);
    if (original.state !== 'done' && original.state !== 'failed') return { text: `Job ${original.id} is still ${original.state}; retry once it has finished.` };
    if (original.totals.failed === 0) return { text: `Job ${original.id} has no failed members to retry.` };
    if ((await countFailed(deps.db, original.id, RETRYABLE)) === 0) {
      return { text: `A retry would not help the failed members of job ${original.id}: each needs a fix first (the result card says which).` };
    }
    const environment = await deps.powerPlatform.getEnvironment(original.environment.id);
    if (!environment) return { text: `${original.environment.displayName} is no longer one of the tenant's environments, so I did not retry job ${original.id}.` };
    const confirmFirst = confirmBeforeSync(environment);
    const id = await deps.db.transaction().execute(async (trx) => {
      const created = await createJob(trx, {
        kind: 'retry',
        requestedBy: { aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name },
        conversationKey: turn.conversationKey,
        environment: original.environment,
        target: `${original.target}, failed members of job ${original.id}`,
        options: { waitForLicences: original.options.waitForLicences, retryOf: original.id, role: original.options.role, businessUnit: original.options.businessUnit },
        state: confirmFirst ? 'preview' : 'queued',
        now: deps.now(),
      });
      await copyFailedMembers(trx, original.id, created, RETRYABLE);
      return created;
    });
    const job = await getJob(deps.db, id);
    if (!job) throw new Error(`job ${id} was not stored`);
    if (confirmFirst) {
      const confirmationId = await issueJobConfirmation(deps, id, confirmerId(turn));
      await setJobCard(deps.db, id, await turn.replyCard(syncConfirmCard(job, confirmationId, deps.config.confirmationTtlMinutes, turn.caller.teamsId)));
      return;
    }
    await setJobCard(deps.db, id, await turn.replyCard(syncProgressCard(job)));
    await syncRuntimeFor(deps).engine.start(id);
  },
};
