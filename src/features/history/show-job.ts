import type { Deps } from '../../app/deps';
import { inert, truncate } from '../../app/text';
import type { AdaptiveCard } from '../../app/turn';
import { AppError, invalidInput } from '../../errors';
import { JOB_ID_PATTERN } from '../../jobs/job-store';
import { loadResultView } from '../sync/result-view';
import { syncProgressCard } from '../sync/sync-progress.card';
import { syncResultCard } from '../sync/sync-result.card';

/** Accepts what people type (`k7q2xd9m`, ` K7Q2XD9M `) and refuses anything that is not a job id. */
export function normaliseJobId(raw: string): string {
  const id = raw.trim().toUpperCase();
  if (!JOB_ID_PATTERN.test(id)) throw invalidInput(`"${inert(truncate(raw.trim(), 40))}" is not a job id. Job ids are 8 letters and digits, as shown in **history**.`);
  return id;
}

/** A job's card as it stands: the result once finished, else its progress. */
export async function jobCard(deps: Deps, jobId: string): Promise<AdaptiveCard> {
  const view = await loadResultView(deps.db, jobId);
  if (!view) throw new AppError('job.not_found', `There is no sync job ${jobId}. Type **history** to see recent jobs.`);
  const { job } = view;
  if (job.state === 'done' || job.state === 'failed') return syncResultCard(view);
  if (job.state === 'cancelled') return syncProgressCard(job, job.error ?? 'Cancelled: nothing was synced.');
  if (job.state === 'preview') return syncProgressCard(job, 'Waiting for the person who asked to confirm the preview.');
  return syncProgressCard(job);
}
