import type { Selectable } from 'kysely';
import type { Db, WatchesTable } from '../../store/schema';

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

type WatchRow = Selectable<WatchesTable>;

/** Stores a watch; false when this group is already watched for this environment. */
export async function addWatch(db: Db, watch: Omit<Watch, 'id' | 'lastCheckedAt' | 'lastError'>): Promise<boolean> {
  const result = await db
    .insertInto('watches')
    .values({
      group_id: watch.group.id, group_name: watch.group.displayName, environment_id: watch.environment.id, environment_name: watch.environment.displayName,
      instance_url: watch.environment.instanceUrl, conversation_key: watch.conversationKey, created_by_id: watch.createdBy.aadObjectId,
      created_by_name: watch.createdBy.name, delta_link: watch.deltaLink, created_at: watch.createdAt, last_checked_at: null, last_error: null,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function removeWatch(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('watches').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function listWatches(db: Db): Promise<Watch[]> {
  const rows = await db.selectFrom('watches').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWatch);
}

/** After a check: the next delta link on success, the error otherwise (the old link is kept, so nothing is skipped). */
export async function recordCheck(db: Db, id: number, now: number, outcome: { deltaLink: string } | { error: string }): Promise<void> {
  const fields = 'deltaLink' in outcome ? { delta_link: outcome.deltaLink, last_checked_at: now, last_error: null } : { last_checked_at: now, last_error: outcome.error };
  await db.updateTable('watches').set(fields).where('id', '=', id).execute();
}

function toWatch(row: WatchRow): Watch {
  return {
    id: Number(row.id),
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
