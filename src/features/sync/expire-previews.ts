import type { Deps } from '../../app/deps';
import { getJob, transitionJob } from '../../jobs/job-store';
import { CONFIRM_KIND } from './prepare-preview';
import { syncProgressCard } from './sync-progress.card';

/** How often a running bot looks for previews nobody confirmed. */
export const PREVIEW_SWEEP_MS = 60_000;

/** A preview that never got its confirmation (its fill died with the process) goes after this long. */
const UNCONFIRMABLE_AFTER_MS = 24 * 3600_000;

/**
 * Previews (and Production confirms) whose confirmation ran out unused: the job is cancelled, so
 * `job <id>` and history stop calling it "waiting", and its card says so. A preview still being
 * prepared has no confirmation yet and is left alone. Returns how many expired.
 */
export async function expireStalePreviews(deps: Pick<Deps, 'db' | 'config' | 'now' | 'notifier' | 'log'>): Promise<number> {
  const now = deps.now();
  const ttlMinutes = deps.config.confirmationTtlMinutes;
  const stale = deps.db
    .prepare(
      `SELECT id FROM sync_jobs j WHERE state = 'preview'
         AND NOT EXISTS (SELECT 1 FROM confirmations c WHERE c.kind = ? AND json_extract(c.payload, '$.jobId') = j.id AND c.expires_at > ?)
         AND (EXISTS (SELECT 1 FROM confirmations c WHERE c.kind = ? AND json_extract(c.payload, '$.jobId') = j.id) OR created_at < ?)`,
    )
    .pluck()
    .all(CONFIRM_KIND, now, CONFIRM_KIND, now - UNCONFIRMABLE_AFTER_MS) as string[];
  let expired = 0;
  for (const id of stale) {
    const note = `Nobody confirmed this within ${ttlMinutes} minutes, so it expired. Nothing was synced; send the sync again for a fresh preview.`;
    if (!transitionJob(deps.db, id, ['preview'], 'cancelled', { now, error: note })) continue;
    expired += 1;
    const job = getJob(deps.db, id);
    if (job?.card) {
      await deps.notifier.updateCard(job.card, syncProgressCard(job, note)).catch((error: unknown) => deps.log.warn({ err: error, jobId: id }, 'could not mark an expired preview card'));
    }
  }
  if (expired > 0) deps.log.info({ expired }, 'expired sync previews nobody confirmed');
  return expired;
}
