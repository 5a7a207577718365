import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { MessageRef } from '../app/turn';
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

interface JobRecord {
  id: string;
  kind: JobKind;
  requested_by_id: string | null;
  requested_by_name: string;
  conversation_key: string | null;
  card_conversation_key: string | null;
  card_activity_id: string | null;
  environment_id: string;
  environment_name: string;
  instance_url: string | null;
  target: string;
  options: string;
  state: JobState;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export function createJob(db: Database, job: NewJob): string {
  const id = newJobId();
  db.prepare(
    `INSERT INTO sync_jobs (id, kind, requested_by_id, requested_by_name, conversation_key, environment_id, environment_name,
       instance_url, target, options, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, job.kind, job.requestedBy.aadObjectId, job.requestedBy.name, job.conversationKey, job.environment.id,
    job.environment.displayName, job.environment.instanceUrl, job.target, JSON.stringify(job.options), job.state, job.now);
  return id;
}

export function setJobCard(db: Database, jobId: string, card: MessageRef): void {
  db.prepare('UPDATE sync_jobs SET card_conversation_key = ?, card_activity_id = ? WHERE id = ?').run(card.conversationKey, card.activityId, jobId);
}

/** Atomic state change: true only for the caller that moved the job out of one of `from` (a double click runs once). */
export function transitionJob(
  db: Database,
  jobId: string,
  from: readonly JobState[],
  to: JobState,
  fields: { now: number; error?: string; options?: JobOptions },
): boolean {
  const placeholders = from.map(() => '?').join(', ');
  const result = db
    .prepare(
      `UPDATE sync_jobs SET state = ?,
         started_at = CASE WHEN ? = 'running' AND started_at IS NULL THEN ? ELSE started_at END,
         finished_at = CASE WHEN ? IN ('done', 'failed', 'cancelled') THEN ? ELSE finished_at END,
         error = COALESCE(?, error), options = COALESCE(?, options)
       WHERE id = ? AND state IN (${placeholders})`,
    )
    .run(to, to, fields.now, to, fields.now, fields.error ?? null, fields.options ? JSON.stringify(fields.options) : null, jobId, ...from);
  return result.changes === 1;
}

/** Counts by member state, from the member rows themselves: never double-counted across restarts. */
export function computeTotals(db: Database, jobId: string): JobTotals {
  const rows = db
    .prepare('SELECT state, COUNT(*) AS n, SUM(visible) AS v FROM sync_job_members WHERE job_id = ? GROUP BY state')
    .all(jobId) as { state: string; n: number; v: number }[];
  const totals: JobTotals = { members: 0, synced: 0, failed: 0, skipped: 0, pending: 0, visible: 0 };
  for (const row of rows) {
    totals.members += row.n;
    if (row.state === 'synced') {
      totals.synced = row.n;
      totals.visible = row.v;
    } else if (row.state === 'failed') totals.failed = row.n;
    else if (row.state === 'skipped') totals.skipped = row.n;
    else totals.pending += row.n;
  }
  return totals;
}

export function storeTotals(db: Database, jobId: string, totals: JobTotals): void {
  db.prepare('UPDATE sync_jobs SET members = ?, synced = ?, failed = ?, skipped = ? WHERE id = ?').run(
    totals.members, totals.synced, totals.failed, totals.skipped, jobId);
}

export function getJob(db: Database, jobId: string): SyncJob | null {
  const row = db.prepare('SELECT * FROM sync_jobs WHERE id = ?').get(jobId) as JobRecord | undefined;
  return row ? toJob(row, computeTotals(db, jobId)) : null;
}

/**
 * Most recent first; totals from the stored columns (cheap for a history list): pending is what is
 * left of the members, `visible` is not stored and is 0 here (getJob counts it from the member rows).
 */
export function listJobs(db: Database, limit: number): SyncJob[] {
  const rows = db.prepare("SELECT * FROM sync_jobs WHERE state <> 'preview' ORDER BY created_at DESC LIMIT ?").all(limit) as (JobRecord & {
    members: number; synced: number; failed: number; skipped: number;
  })[];
  return rows.map((r) => toJob(r, { members: r.members, synced: r.synced, failed: r.failed, skipped: r.skipped, pending: r.members - r.synced - r.failed - r.skipped, visible: 0 }));
}

export function unfinishedJobIds(db: Database): string[] {
  return db.prepare("SELECT id FROM sync_jobs WHERE state IN ('queued', 'running') ORDER BY created_at").pluck().all() as string[];
}

export function markNotified(db: Database, jobId: string, now: number): boolean {
  return db.prepare('UPDATE sync_jobs SET notified_at = ? WHERE id = ? AND notified_at IS NULL').run(now, jobId).changes === 1;
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
