import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { MessageRef } from '../app/turn';
import type { Db, SyncJobsTable } from '../store/schema';
import type { JobKind, JobOptions, JobState, JobTotals, SyncJob } from './job-types';

const ID_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Job ids are 8 characters from an alphabet without look-alikes (0/O, 1/I/L). */
export const JOB_ID_PATTERN = /^[A-HJ-KM-NP-Z2-9]{8}$/;

export function newJobId(): string {
  return [...randomBytes(8)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

export interface NewJob {
  kind: JobKind;
  requestedBy: { aadObjectId: string | null; name: string };
  conversationKey: string | null;
  environment: { id: string; displayName: string; instanceUrl: string | null };
  target: string;
  options: JobOptions;
  state: 'preview' | 'queued';
  now: number;
}

type JobRecord = Selectable<SyncJobsTable>;

export async function createJob(db: Db, job: NewJob): Promise<string> {
  const id = newJobId();
  await db
    .insertInto('sync_jobs')
    .values({
      id, kind: job.kind, requested_by_id: job.requestedBy.aadObjectId, requested_by_name: job.requestedBy.name, conversation_key: job.conversationKey,
      card_conversation_key: null, card_activity_id: null, environment_id: job.environment.id, environment_name: job.environment.displayName,
      instance_url: job.environment.instanceUrl, target: job.target, options: JSON.stringify(job.options), state: job.state, error: null,
      created_at: job.now, started_at: null, finished_at: null, notified_at: null,
    })
    .execute();
  return id;
}

export async function setJobCard(db: Db, jobId: string, card: MessageRef): Promise<void> {
  await db.updateTable('sync_jobs').set({ card_conversation_key: card.conversationKey, card_activity_id: card.activityId }).where('id', '=', jobId).execute();
}

const FINAL_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

/** Atomic state change: true only for the caller that moved the job out of one of `from` (a double click runs once). */
export async function transitionJob(
  db: Db,
  jobId: string,
  from: readonly JobState[],
  to: JobState,
  fields: { now: number; error?: string; options?: JobOptions },
): Promise<boolean> {
  const result = await db
    .updateTable('sync_jobs')
    .set((eb) => ({
      state: to,
      ...(to === 'running' ? { started_at: eb.fn.coalesce('started_at', eb.val(fields.now)) } : {}),
      ...(FINAL_STATES.includes(to) ? { finished_at: fields.now } : {}),
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.options ? { options: JSON.stringify(fields.options) } : {}),
    }))
    .where('id', '=', jobId)
    .where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts by member state, from the member rows themselves: never double-counted across restarts. */
export async function computeTotals(db: Db, jobId: string): Promise<JobTotals> {
  const rows = await db
    .selectFrom('sync_job_members')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('visible').as('v')])
    .where('job_id', '=', jobId)
    .groupBy('state')
    .execute();
  const totals: JobTotals = { members: 0, synced: 0, failed: 0, skipped: 0, pending: 0, visible: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    totals.members += n;
    if (row.state === 'synced') {
      totals.synced = n;
      totals.visible = Number(row.v);
    } else if (row.state === 'failed') totals.failed = n;
    else if (row.state === 'skipped') totals.skipped = n;
    else totals.pending += n;
  }
  return totals;
}

export async function storeTotals(db: Db, jobId: string, totals: JobTotals): Promise<void> {
  await db.updateTable('sync_jobs').set({ members: totals.members, synced: totals.synced, failed: totals.failed, skipped: totals.skipped }).where('id', '=', jobId).execute();
}

/** The job with its totals counted from the member rows, or with `totals` the caller has just counted (a progress tick). */
export async function getJob(db: Db, jobId: string, totals?: JobTotals): Promise<SyncJob | null> {
  const row = await db.selectFrom('sync_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  return row ? toJob(row, totals ?? (await computeTotals(db, jobId))) : null;
}

/**
 * Most recent first; totals from the stored columns (cheap for a history list): pending is what is
 * left of the members, `visible` is not stored and is 0 here (getJob counts it from the member rows).
 */
export async function listJobs(db: Db, limit: number): Promise<SyncJob[]> {
  const rows = await db.selectFrom('sync_jobs').selectAll().where('state', '<>', 'preview').orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => toJob(r, { members: r.members, synced: r.synced, failed: r.failed, skipped: r.skipped, pending: r.members - r.synced - r.failed - r.skipped, visible: 0 }));
}

export async function unfinishedJobIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('sync_jobs').select('id').where('state', 'in', ['queued', 'running']).orderBy('created_at').execute();
  return rows.map((r) => r.id);
}

export async function markNotified(db: Db, jobId: string, now: number): Promise<boolean> {
  const result = await db.updateTable('sync_jobs').set({ notified_at: now }).where('id', '=', jobId).where('notified_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a job and its members (the CLI's dry run leaves nothing behind). */
export async function deleteJob(db: Db, jobId: string): Promise<void> {
  await db.deleteFrom('sync_jobs').where('id', '=', jobId).execute();
}

function toJob(row: JobRecord, totals: JobTotals): SyncJob {
  return {
    id: row.id,
    kind: row.kind,
    requestedBy: { aadObjectId: row.requested_by_id, name: row.requested_by_name },
    conversationKey: row.conversation_key,
    card: row.card_conversation_key && row.card_activity_id ? { conversationKey: row.card_conversation_key, activityId: row.card_activity_id } : null,
    environment: { id: row.environment_id, displayName: row.environment_name, instanceUrl: row.instance_url },
    target: row.target,
    options: JSON.parse(row.options) as JobOptions,
    state: row.state,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    totals,
  };
}
