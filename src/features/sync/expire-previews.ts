import type { ExpressionBuilder } from 'kysely';
import type { Schema } from '../../store/schema';
import type { Deps } from '../../app/deps';
import { getJob, transitionJob } from '../../jobs/job-store';
import { jsonText } from '../../store/dialect';
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
  const { db } = deps;
  const confirmationsOf = (eb: ExpressionBuilder<Schema, 'sync_jobs'>) =>
    eb.selectFrom('confirmations').select('confirmations.id').where('confirmations.kind', '=', CONFIRM_KIND).where(jsonText(db, 'confirmations.payload', 'jobId'), '=', eb.ref('sync_jobs.id'));
  const rows = await db
    .selectFrom('sync_jobs')
    .select('id')
    .where('state', '=', 'preview')
    .where((eb) => eb.not(eb.exists(confirmationsOf(eb).where('confirmations.expires_at', '>', now))))
    .where((eb) => eb.or([eb.exists(confirmationsOf(eb)), eb('sync_jobs.created_at', '<', now - UNCONFIRMABLE_AFTER_MS)]))
    .execute();
  const stale = rows.map((r) => r.id);
  let expired = 0;
  for (const id of stale) {
    const note = `Nobody confirmed this within ${ttlMinutes} minutes, so it expired. Nothing was synced; send the sync again for a fresh preview.`;
    if (!(await transitionJob(deps.db, id, ['preview'], 'cancelled', { now, error: note }))) continue;
    expired += 1;
    const job = await getJob(deps.db, id);
    if (job?.card) {
      await deps.notifier.updateCard(job.card, syncProgressCard(job, note)).catch((error: unknown) => deps.log.warn({ err: error, jobId: id }, 'could not mark an expired preview card'));
    }
  }
  if (expired > 0) deps.log.info({ expired }, 'expired sync previews nobody confirmed');
  return expired;
}
