import { sql, type RawBuilder, type Selectable } from 'kysely';
import { inTransaction, type Db, type SyncJobMembersTable } from '../store/schema';
import type { MemberOutcome, MemberRow, MemberState, NewMember } from './job-types';

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's limits on bound values. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Row counts of the multi-row writes of a sync: the biggest that fits first, so every statement has one of a few texts. */
const WRITE_SIZES = [100, 10, 1] as const;

/**
 * Chunks of exactly one of WRITE_SIZES rows (e.g. 234 rows: 100, 100, 10, 10, 10, 1, 1, 1, 1): a
 * statement's SQL text depends on its row count, and a handful of texts stay prepared (src/store/db.ts)
 * where a count per batch would parse a new statement for nearly every batch.
 */
function fixedChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let i = 0;
  for (const size of WRITE_SIZES) for (; items.length - i >= size; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts a page of members in one transaction; duplicates (same object id) are ignored. Returns how many were new. */
export async function appendMembers(db: Db, jobId: string, members: readonly NewMember[]): Promise<number> {
  if (members.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    const seen = new Set<string>();
    for (const part of chunks(members.map((m) => m.objectId.toLowerCase()))) {
      const rows = await trx.selectFrom('sync_job_members').select('object_id').where('job_id', '=', jobId).where('object_id', 'in', part).execute();
      for (const row of rows) seen.add(row.object_id);
    }
    const top = await trx.selectFrom('sync_job_members').select((eb) => eb.fn.max('seq').as('seq')).where('job_id', '=', jobId).executeTakeFirst();
    let seq = Number(top?.seq ?? 0);
    const fresh = [];
    for (const m of members) {
      const objectId = m.objectId.toLowerCase();
      if (seen.has(objectId)) continue;
      seen.add(objectId);
      seq += 1;
      fresh.push({
        job_id: jobId, seq, object_id: objectId, upn: m.userPrincipalName, display_name: m.displayName, reason: null, detail: null,
        prediction: m.prediction ?? null, prediction_reason: m.predictionReason ?? null, prediction_detail: m.predictionDetail ?? null,
      });
    }
    for (const part of fixedChunks(fresh)) await trx.insertInto('sync_job_members').values(part).execute();
    if (fresh.length > 0) await trx.updateTable('sync_jobs').set((eb) => ({ members: eb('members', '+', fresh.length) })).where('id', '=', jobId).execute();
    return fresh.length;
  });
}

export interface ClaimedMember {
  seq: number;
  objectId: string;
  attempts: number;
}

/** The next pending members after `afterSeq`, marked running (a crash leaves them running: resetRunning re-queues them). */
export async function claimPending(db: Db, jobId: string, afterSeq: number, limit: number): Promise<ClaimedMember[]> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('sync_job_members')
      .select(['seq', 'object_id as objectId', 'attempts'])
      .where('job_id', '=', jobId).where('state', '=', 'pending').where('seq', '>', afterSeq)
      .orderBy('seq').limit(limit)
      .execute();
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first && last) {
      await trx.updateTable('sync_job_members').set({ state: 'running' })
        .where('job_id', '=', jobId).where('state', '=', 'pending').where('seq', '>=', first.seq).where('seq', '<=', last.seq)
        .execute();
    }
    return rows;
  });
}

/** Members that were in flight when the process stopped go back to pending (addUser is idempotent). */
export async function resetRunning(db: Db, jobId: string): Promise<number> {
  const result = await db.updateTable('sync_job_members').set({ state: 'pending' }).where('job_id', '=', jobId).where('state', '=', 'running').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A batch of outcomes written to their members (updateMembers). */
export function recordOutcomes(db: Db, jobId: string, outcomes: readonly MemberOutcome[]): Promise<void> {
  return updateMembers(db, jobId, outcomes, sql`state = v.column2, reason = v.column3, detail = v.column4, attempts = v.column5`,
    (o) => sql`(CAST(${o.seq} AS INTEGER), ${o.state}, CAST(${o.reason} AS TEXT), CAST(${o.detail} AS TEXT), CAST(${o.attempts} AS INTEGER))`);
}

/**
 * Writes a value per member (each `row(item)` a VALUES row starting with the member's seq, `set` the
 * assignments from v.column2…) in statements of 100, 10 or 1 rows, in one transaction: one commit
 * per batch, not one per statement (a batch of 99 is 18 statements).
 */
export async function updateMembers<T extends { seq: number }>(db: Db, jobId: string, items: readonly T[], set: RawBuilder<unknown>, row: (item: T) => RawBuilder<unknown>): Promise<void> {
  const parts = fixedChunks(items);
  const write = async (trx: Db): Promise<void> => {
    for (const part of parts) await updateMembersBySeq(jobId, part, set, row).execute(trx);
  };
  await (parts.length > 1 ? inTransaction(db, write) : write(db));
}

/**
 * `UPDATE sync_job_members SET <set> FROM (VALUES …) AS v` for the members of `part`, each VALUES row
 * starting with the member's seq (the other columns are v.column2…, in SQLite and PostgreSQL alike).
 * The `seq IN (…)` repeats the rows' keys on purpose: without it SQLite joins a long VALUES list by
 * scanning every member of the job and probing the list, so each statement cost grew with the job
 * (a 200,000-member sync spent 20 s writing outcomes, 13 times the 50,000-member one); with it,
 * each member is found by its primary key.
 */
export function updateMembersBySeq<T extends { seq: number }>(jobId: string, part: readonly T[], set: RawBuilder<unknown>, row: (item: T) => RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`UPDATE sync_job_members SET ${set}
    FROM (VALUES ${sql.join(part.map(row))}) AS v
    WHERE sync_job_members.job_id = ${jobId} AND sync_job_members.seq IN (${sql.join(part.map((o) => o.seq))}) AND sync_job_members.seq = v.column1`;
}

/** "Sync ready only": members predicted as blocked are skipped with their predicted reason. */
export async function skipBlocked(db: Db, jobId: string): Promise<number> {
  const result = await db
    .updateTable('sync_job_members')
    .set((eb) => ({ state: 'skipped', reason: eb.ref('prediction_reason'), detail: eb.fn.coalesce('prediction_detail', eb.val('Not ready, skipped as asked.')) }))
    .where('job_id', '=', jobId).where('state', '=', 'pending').where('prediction', '=', 'blocked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function syncedNotVisible(db: Db, jobId: string, afterSeq: number, limit: number): Promise<{ seq: number; objectId: string }[]> {
  return db
    .selectFrom('sync_job_members')
    .select(['seq', 'object_id as objectId'])
    .where('job_id', '=', jobId).where('state', '=', 'synced').where('visible', '=', 0).where('seq', '>', afterSeq)
    .orderBy('seq').limit(limit)
    .execute();
}

export async function markVisible(db: Db, jobId: string, seqs: readonly number[]): Promise<void> {
  for (const part of chunks(seqs)) await db.updateTable('sync_job_members').set({ visible: 1 }).where('job_id', '=', jobId).where('seq', 'in', part).execute();
}

type MemberRecord = Selectable<SyncJobMembersTable>;

export async function listMembers(db: Db, jobId: string, page: { state?: MemberState; offset: number; limit: number }): Promise<MemberRow[]> {
  let query = db.selectFrom('sync_job_members').selectAll().where('job_id', '=', jobId);
  if (page.state) query = query.where('state', '=', page.state);
  const rows = await query.orderBy('seq').limit(page.limit).offset(page.offset).execute();
  return rows.map(toMemberRow);
}

const FIND_PAGE = 500;

/** The first member (in member order) that `matches`, read a page at a time: a 50,000-member job is never held in memory. */
export async function findMember(db: Db, jobId: string, matches: (member: MemberRow) => boolean): Promise<MemberRow | null> {
  for (let after = 0; ;) {
    const rows = await db.selectFrom('sync_job_members').selectAll().where('job_id', '=', jobId).where('seq', '>', after).orderBy('seq').limit(FIND_PAGE).execute();
    for (const record of rows) {
      const member = toMemberRow(record);
      if (matches(member)) return member;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < FIND_PAGE) return null;
    after = last.seq;
  }
}

function toMemberRow(r: MemberRecord): MemberRow {
  return {
    seq: r.seq, objectId: r.object_id, userPrincipalName: r.upn, displayName: r.display_name, state: r.state, reason: r.reason,
    detail: r.detail, prediction: r.prediction, predictionReason: r.prediction_reason, attempts: r.attempts, visible: r.visible === 1,
    role: r.role_state ? { state: r.role_state, detail: r.role_detail } : null,
  };
}

export interface ReasonGroup {
  reason: string;
  count: number;
  /** The first few display names, in member order. */
  names: string[];
  /** One example detail text. */
  detail: string | null;
}

/** Members in `state` grouped by reason, biggest group first, each with the first `sample` names. */
export async function groupByReason(db: Db, jobId: string, state: 'failed' | 'skipped' | 'pending', sample: number, byPrediction = false): Promise<ReasonGroup[]> {
  const reasonColumn = byPrediction ? 'prediction_reason' : 'reason';
  const base = db.selectFrom('sync_job_members').where('job_id', '=', jobId);
  const filtered = byPrediction ? base.where('prediction', '=', 'blocked') : base.where('state', '=', state);
  const reason = sql<string>`COALESCE(${sql.ref(reasonColumn)}, 'unknown')`;
  const groups = await filtered
    .select((eb) => [reason.as('reason'), eb.fn.countAll<number>().as('count')])
    .groupBy(reason)
    .orderBy('count', 'desc').orderBy('reason')
    .execute();
  const out: ReasonGroup[] = [];
  for (const g of groups) {
    const rows = await filtered
      .select(['display_name', byPrediction ? 'prediction_detail as detail' : 'detail as detail'])
      .where(reason, '=', g.reason)
      .orderBy('seq').limit(sample)
      .execute();
    out.push({ reason: g.reason, count: Number(g.count), names: rows.map((r) => r.display_name), detail: rows[0]?.detail ?? null });
  }
  return out;
}

/** How many members a preview predicts as blocked. */
export async function countPredictedBlocked(db: Db, jobId: string): Promise<number> {
  const row = await db.selectFrom('sync_job_members').select((eb) => eb.fn.countAll<number>().as('n')).where('job_id', '=', jobId).where('prediction', '=', 'blocked').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Which failed members a retry can help: those failed for one of `reasons`, and those failed for one of
 * `whenPredictedReady` although their prediction was ready (e.g. a licence still propagating).
 */
export interface FailedFilter {
  reasons: readonly string[];
  whenPredictedReady: readonly string[];
}

function failedWhere(filter: FailedFilter | undefined) {
  if (!filter) return sql.raw('');
  const list = (values: readonly string[]) => (values.length > 0 ? sql.join([...values]) : sql`NULL`);
  return sql` AND (reason IN (${list(filter.reasons)}) OR (prediction = 'ready' AND reason IN (${list(filter.whenPredictedReady)})))`;
}

/** How many members of a job failed (only those `filter` accepts, when given). */
export async function countFailed(db: Db, jobId: string, filter?: FailedFilter): Promise<number> {
  const result = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM sync_job_members WHERE job_id = ${jobId} AND state = 'failed'${failedWhere(filter)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Members predicted blocked for `reason` become ready (their blocker was fixed while the preview waited). */
export async function markPredictedReady(db: Db, jobId: string, objectIds: readonly string[], reason: string): Promise<number> {
  let changed = 0;
  for (const part of chunks(objectIds.map((id) => id.toLowerCase()))) {
    const result = await db.updateTable('sync_job_members').set({ prediction: 'ready', prediction_reason: null, prediction_detail: null })
      .where('job_id', '=', jobId).where('state', '=', 'pending').where('prediction_reason', '=', reason).where('object_id', 'in', part)
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}

/** Copies the failed members (only those `filter` accepts, when given) of one job into another (Retry failed), inside the database: nothing is loaded into memory. */
export async function copyFailedMembers(db: Db, fromJobId: string, toJobId: string, filter?: FailedFilter): Promise<number> {
  const run = async (trx: Db): Promise<number> => {
    const result = await sql`INSERT INTO sync_job_members (job_id, seq, object_id, upn, display_name)
      SELECT ${toJobId}, (SELECT COALESCE(MAX(seq), 0) FROM sync_job_members WHERE job_id = ${toJobId}) + ROW_NUMBER() OVER (ORDER BY seq), object_id, upn, display_name
      FROM sync_job_members WHERE job_id = ${fromJobId} AND state = 'failed'${failedWhere(filter)}
      ON CONFLICT DO NOTHING`.execute(trx);
    const added = Number(result.numAffectedRows ?? 0);
    await trx.updateTable('sync_jobs').set((eb) => ({ members: eb('members', '+', added) })).where('id', '=', toJobId).execute();
    return added;
  };
  return inTransaction(db, run);
}

export async function countSyncedNotVisible(db: Db, jobId: string, afterSeq: number): Promise<number> {
  const row = await db.selectFrom('sync_job_members').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job_id', '=', jobId).where('state', '=', 'synced').where('visible', '=', 0).where('seq', '>', afterSeq)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
