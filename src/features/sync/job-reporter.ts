import type { Deps } from '../../app/deps';
import type { JobListener } from '../../jobs/job-engine';
import { markNotified } from '../../jobs/job-store';
import type { SyncJob } from '../../jobs/job-types';
import { recordJobOutcome } from '../../security/job-audit';
import { subscribedConversations } from '../notify/subscriptions';
import { describeReason, namesWithMore } from './describe-reason';
import { loadResultView, type ResultView } from './result-view';
import { syncProgressCard } from './sync-progress.card';
import { outcomeSummary, syncResultCard } from './sync-result.card';

/** What failed, why, and what to do: the text above the result card in conversations that did not start the job. */
export function failureMessage(view: ResultView): string {
  const { job } = view;
  const lines = [`**Sync of ${job.target} to ${job.environment.displayName} (job ${job.id}) needs attention:** ${outcomeSummary(view)}`];
  if (job.error) lines.push(job.error);
  for (const group of view.failures) {
    const text = describeReason(group.reason);
    lines.push(`- ${text.title}: ${namesWithMore(group.names, group.count)}. ${text.fix}`);
  }
  return lines.join('\n');
}

/**
 * Turns job events into Teams updates, one message per event and conversation: the requester's
 * conversation sees its card updated in place (a new card only when there is none to update); every
 * other subscribed conversation gets one message, the failure summary with the result card.
 */
export function createJobReporter(deps: Deps): JobListener {
  const { db, notifier, log } = deps;
  return {
    async onProgress(job: SyncJob) {
      if (job.card && job.state === 'running') await notifier.updateCard(job.card, syncProgressCard(job));
    },
    async onFinished(job: SyncJob) {
      await recordJobOutcome(deps, job);
      const view = await loadResultView(db, job.id);
      if (!view) return;
      const card = syncResultCard(view);
      let updated = false;
      if (job.card) {
        try {
          await notifier.updateCard(job.card, card);
          updated = true;
        } catch (error) {
          log.warn({ err: error, jobId: job.id }, 'could not update the sync card');
        }
      }
      const needsAttention = view.job.totals.failed > 0 || view.job.state === 'failed';
      if (!needsAttention || !(await markNotified(db, job.id, deps.now()))) return;
      const text = failureMessage(view);
      const requester = job.card?.conversationKey ?? job.conversationKey;
      const targets = new Set([...(requester && !updated ? [requester] : []), ...(await subscribedConversations(db)).filter((key) => key !== requester)]);
      for (const conversationKey of targets) {
        await notifier.sendCard(conversationKey, card, text).catch((error: unknown) => log.warn({ err: error, jobId: job.id, conversationKey }, 'could not tell a conversation about a failed sync'));
      }
    },
  };
}
