import type { Db } from '../../store/schema';

/** Conversations that asked (`notify here`) to hear about sync jobs that end with failures. */
export async function subscribe(db: Db, conversationKey: string, by: { aadObjectId: string | null; name: string }, now: number): Promise<boolean> {
  const result = await db
    .insertInto('notification_subscriptions')
    .values({ conversation_key: conversationKey, subscribed_by_id: by.aadObjectId, subscribed_by_name: by.name, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function unsubscribe(db: Db, conversationKey: string): Promise<boolean> {
  const result = await db.deleteFrom('notification_subscriptions').where('conversation_key', '=', conversationKey).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function subscribedConversations(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('notification_subscriptions').select('conversation_key').orderBy('created_at').execute();
  return rows.map((r) => r.conversation_key);
}
