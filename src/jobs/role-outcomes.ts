import { sql } from 'kysely';
import type { Db } from '../store/schema';
import { updateMembers } from './member-store';

export type RoleState = 'assigned' | 'held' | 'failed';

export interface RoleOutcome {
  seq: number;
  state: RoleState;
  detail: string | null;
}

/** A batch of role outcomes written to their members (updateMembers, as recordOutcomes). */
export function recordRoleOutcomes(db: Db, jobId: string, outcomes: readonly RoleOutcome[]): Promise<void> {
  return updateMembers(db, jobId, outcomes, sql`role_state = v.column2, role_detail = v.column3`, (o) => sql`(CAST(${o.seq} AS INTEGER), ${o.state}, CAST(${o.detail} AS TEXT))`);
}

/** Synced members with no role outcome yet, after `afterSeq`: `visible` ones (a restarted job's) or the ones Dataverse never showed. */
export async function syncedWithoutRole(db: Db, jobId: string, visible: boolean, afterSeq: number, limit: number): Promise<{ seq: number; objectId: string }[]> {
  return db.selectFrom('sync_job_members').select(['seq', 'object_id as objectId'])
    .where('job_id', '=', jobId).where('state', '=', 'synced').where('visible', '=', visible ? 1 : 0).where('role_state', 'is', null).where('seq', '>', afterSeq)
    .orderBy('seq').limit(limit).execute();
}

export interface RoleTotals {
  assigned: number;
  held: number;
  failed: number;
}

export async function roleTotals(db: Db, jobId: string): Promise<RoleTotals> {
  const rows = await db.selectFrom('sync_job_members').select((eb) => ['role_state', eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId).where('role_state', 'is not', null).groupBy('role_state').execute();
  const totals: RoleTotals = { assigned: 0, held: 0, failed: 0 };
  for (const row of rows) if (row.role_state) totals[row.role_state] = Number(row.n);
  return totals;
}

export interface RoleFailure {
  detail: string;
  count: number;
  names: string[];
}

/** Members whose role step failed, grouped by what Dataverse said, biggest group first, each with its first names. */
export async function roleFailures(db: Db, jobId: string, sample: number): Promise<RoleFailure[]> {
  const base = db.selectFrom('sync_job_members').where('job_id', '=', jobId).where('role_state', '=', 'failed');
  const detail = sql<string>`COALESCE(role_detail, '')`;
  const groups = await base.select((eb) => [detail.as('detail'), eb.fn.countAll<number>().as('count')]).groupBy(detail).orderBy('count', 'desc').orderBy('detail').execute();
  const out: RoleFailure[] = [];
  for (const group of groups) {
    const rows = await base.select('display_name').where(detail, '=', group.detail).orderBy('seq').limit(sample).execute();
    out.push({ detail: group.detail, count: Number(group.count), names: rows.map((r) => r.display_name) });
  }
  return out;
}
