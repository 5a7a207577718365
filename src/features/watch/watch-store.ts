import type { Database } from 'better-sqlite3';

export interface Watch {
  id: number;
  group: { id: string; displayName: string };
  environment: { id: string; displayName: string; instanceUrl: string | null };
  conversationKey: string;
  createdBy: { aadObjectId: string | null; name: string };
  deltaLink: string;
  createdAt: number;
  lastCheckedAt: number | null;
  lastError: string | null;
}

interface WatchRow {
  id: number;
  group_id: string;
  group_name: string;
  environment_id: string;
  environment_name: string;
  instance_url: string | null;
  conversation_key: string;
  created_by_id: string | null;
  created_by_name: string;
  delta_link: string;
  created_at: number;
  last_checked_at: number | null;
  last_error: string | null;
}

/** Stores a watch; false when this group is already watched for this environment. */
export function addWatch(db: Database, watch: Omit<Watch, 'id' | 'lastCheckedAt' | 'lastError'>): boolean {
  return db
    .prepare(
      `INSERT OR IGNORE INTO watches (group_id, group_name, environment_id, environment_name, instance_url, conversation_key,
         created_by_id, created_by_name, delta_link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(watch.group.id, watch.group.displayName, watch.environment.id, watch.environment.displayName, watch.environment.instanceUrl,
      watch.conversationKey, watch.createdBy.aadObjectId, watch.createdBy.name, watch.deltaLink, watch.createdAt).changes === 1;
}

export function removeWatch(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM watches WHERE id = ?').run(id).changes === 1;
}

export function listWatches(db: Database): Watch[] {
  return (db.prepare('SELECT * FROM watches ORDER BY created_at, id').all() as WatchRow[]).map(toWatch);
}

/** After a check: the next delta link on success, the error otherwise (the old link is kept, so nothing is skipped). */
export function recordCheck(db: Database, id: number, now: number, outcome: { deltaLink: string } | { error: string }): void {
  if ('deltaLink' in outcome) {
    db.prepare('UPDATE watches SET delta_link = ?, last_checked_at = ?, last_error = NULL WHERE id = ?').run(outcome.deltaLink, now, id);
  } else {
    db.prepare('UPDATE watches SET last_checked_at = ?, last_error = ? WHERE id = ?').run(now, outcome.error, id);
  }
}

function toWatch(row: WatchRow): Watch {
  return {
    id: row.id,
    group: { id: row.group_id, displayName: row.group_name },
    environment: { id: row.environment_id, displayName: row.environment_name, instanceUrl: row.instance_url },
    conversationKey: row.conversation_key,
    createdBy: { aadObjectId: row.created_by_id, name: row.created_by_name },
    deltaLink: row.delta_link,
    createdAt: row.created_at,
    lastCheckedAt: row.last_checked_at,
    lastError: row.last_error,
  };
}
