import type { Database } from 'better-sqlite3';
import type { MemberOutcome, MemberRow, MemberState, NewMember, Prediction } from './job-types';

/** Inserts a page of members in one transaction; duplicates (same object id) are ignored. Returns how many were new. */
export function appendMembers(db: Database, jobId: string, members: readonly NewMember[]): number {
  const next = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM sync_job_members WHERE job_id = ?').pluck();
  const insert = db.prepare(
    `INSERT OR IGNORE INTO sync_job_members (job_id, seq, object_id, upn, display_name, prediction, prediction_reason, prediction_detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction(() => {
    let seq = next.get(jobId) as number;
    let added = 0;
    for (const m of members) {
      const result = insert.run(jobId, seq + 1, m.objectId.toLowerCase(), m.userPrincipalName, m.displayName,
        m.prediction ?? null, m.predictionReason ?? null, m.predictionDetail ?? null);
      if (result.changes === 1) {
        seq += 1;
        added += 1;
      }
    }
    db.prepare('UPDATE sync_jobs SET members = members + ? WHERE id = ?').run(added, jobId);
    return added;
  })();
}

export interface ClaimedMember {
  seq: number;
  objectId: string;
  attempts: number;
}

/** The next pending members after `afterSeq`, marked running (a crash leaves them running: resetRunning re-queues them). */
export function claimPending(db: Database, jobId: string, afterSeq: number, limit: number): ClaimedMember[] {
  return db.transaction(() => {
    const rows = db
      .prepare("SELECT seq, object_id AS objectId, attempts FROM sync_job_members WHERE job_id = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT ?")
      .all(jobId, afterSeq, limit) as ClaimedMember[];
    if (rows.length > 0) {
      db.prepare("UPDATE sync_job_members SET state = 'running' WHERE job_id = ? AND state = 'pending' AND seq BETWEEN ? AND ?").run(
        jobId, rows[0]?.seq, rows[rows.length - 1]?.seq);
    }
    return rows;
  })();
}

/** Members that were in flight when the process stopped go back to pending (addUser is idempotent). */
export function resetRunning(db: Database, jobId: string): number {
  return db.prepare("UPDATE sync_job_members SET state = 'pending' WHERE job_id = ? AND state = 'running'").run(jobId).changes;
}

export function recordOutcomes(db: Database, jobId: string, outcomes: readonly MemberOutcome[]): void {
  if (outcomes.length === 0) return;
  const update = db.prepare('UPDATE sync_job_members SET state = ?, reason = ?, detail = ?, attempts = ? WHERE job_id = ? AND seq = ?');
  db.transaction(() => {
    for (const o of outcomes) update.run(o.state, o.reason, o.detail, o.attempts, jobId, o.seq);
  })();
}

/** "Sync ready only": members predicted as blocked are skipped with their predicted reason. */
export function skipBlocked(db: Database, jobId: string): number {
  return db
    .prepare(
      `UPDATE sync_job_members SET state = 'skipped', reason = prediction_reason,
         detail = COALESCE(prediction_detail, 'Not ready, skipped as asked.') WHERE job_id = ? AND state = 'pending' AND prediction = 'blocked'`,
    )
    .run(jobId).changes;
}

export function syncedNotVisible(db: Database, jobId: string, afterSeq: number, limit: number): { seq: number; objectId: string }[] {
  return db
    .prepare("SELECT seq, object_id AS objectId FROM sync_job_members WHERE job_id = ? AND state = 'synced' AND visible = 0 AND seq > ? ORDER BY seq LIMIT ?")
    .all(jobId, afterSeq, limit) as { seq: number; objectId: string }[];
}

export function markVisible(db: Database, jobId: string, seqs: readonly number[]): void {
  const update = db.prepare('UPDATE sync_job_members SET visible = 1 WHERE job_id = ? AND seq = ?');
  db.transaction(() => {
    for (const seq of seqs) update.run(jobId, seq);
  })();
}

interface MemberRecord {
  seq: number; object_id: string; upn: string; display_name: string; state: MemberState; reason: string | null;
  detail: string | null; prediction: Prediction | null; prediction_reason: string | null; attempts: number; visible: number;
}

export function listMembers(db: Database, jobId: string, page: { state?: MemberState; offset: number; limit: number }): MemberRow[] {
  const rows = db
    .prepare(`SELECT * FROM sync_job_members WHERE job_id = ? ${page.state ? 'AND state = ?' : ''} ORDER BY seq LIMIT ? OFFSET ?`)
    .all(...[jobId, ...(page.state ? [page.state] : []), page.limit, page.offset]) as MemberRecord[];
  return rows.map(toMemberRow);
}

/** The first member (in member order) that `matches`, read row by row: a 50,000-member job is never held in memory. */
export function findMember(db: Database, jobId: string, matches: (member: MemberRow) => boolean): MemberRow | null {
  for (const record of db.prepare('SELECT * FROM sync_job_members WHERE job_id = ? ORDER BY seq').iterate(jobId) as IterableIterator<MemberRecord>) {
    const member = toMemberRow(record);
    if (matches(member)) return member; // leaving the loop closes the statement
  }
  return null;
}

function toMemberRow(r: MemberRecord): MemberRow {
  return {
    seq: r.seq, objectId: r.object_id, userPrincipalName: r.upn, displayName: r.display_name, state: r.state, reason: r.reason,
    detail: r.detail, prediction: r.prediction, predictionReason: r.prediction_reason, attempts: r.attempts, visible: r.visible === 1,
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
export function groupByReason(db: Database, jobId: string, state: 'failed' | 'skipped' | 'pending', sample: number, byPrediction = false): ReasonGroup[] {
  const reasonColumn = byPrediction ? 'prediction_reason' : 'reason';
  const filter = byPrediction ? "prediction = 'blocked'" : 'state = ?';
  const args = byPrediction ? [jobId] : [jobId, state];
  const groups = db
    .prepare(`SELECT COALESCE(${reasonColumn}, 'unknown') AS reason, COUNT(*) AS count FROM sync_job_members WHERE job_id = ? AND ${filter}
              GROUP BY 1 ORDER BY count DESC, reason`)
    .all(...args) as { reason: string; count: number }[];
  const names = db.prepare(
    `SELECT display_name, ${byPrediction ? 'prediction_detail' : 'detail'} AS detail FROM sync_job_members
     WHERE job_id = ? AND ${filter} AND COALESCE(${reasonColumn}, 'unknown') = ? ORDER BY seq LIMIT ?`,
  );
  return groups.map((g) => {
    const rows = names.all(...args, g.reason, sample) as { display_name: string; detail: string | null }[];
    return { ...g, names: rows.map((r) => r.display_name), detail: rows[0]?.detail ?? null };
  });
}

/** Copies the failed members of one job into another (Retry failed), inside SQLite: nothing is loaded into memory. */
export function copyFailedMembers(db: Database, fromJobId: string, toJobId: string): number {
  return db.transaction(() => {
    const { changes } = db
      .prepare(
        `INSERT OR IGNORE INTO sync_job_members (job_id, seq, object_id, upn, display_name)
         SELECT ?, (SELECT COALESCE(MAX(seq), 0) FROM sync_job_members WHERE job_id = ?) + ROW_NUMBER() OVER (ORDER BY seq), object_id, upn, display_name
         FROM sync_job_members WHERE job_id = ? AND state = 'failed'`,
      )
      .run(toJobId, toJobId, fromJobId);
    db.prepare('UPDATE sync_jobs SET members = members + ? WHERE id = ?').run(changes, toJobId);
    return changes;
  })();
}
