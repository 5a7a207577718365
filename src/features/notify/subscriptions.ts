import type { Database } from 'better-sqlite3';

/** Conversations that asked (`notify here`) to hear about sync jobs that end with failures. */
export function subscribe(db: Database, conversationKey: string, by: { aadObjectId: string | null; name: string }, now: number): boolean {
  return db
    .prepare('INSERT OR IGNORE INTO notification_subscriptions (conversation_key, subscribed_by_id, subscribed_by_name, created_at) VALUES (?, ?, ?, ?)')
    .run(conversationKey, by.aadObjectId, by.name, now).changes === 1;
}

export function unsubscribe(db: Database, conversationKey: string): boolean {
  return db.prepare('DELETE FROM notification_subscriptions WHERE conversation_key = ?').run(conversationKey).changes === 1;
}

export function subscribedConversations(db: Database): string[] {
  return db.prepare('SELECT conversation_key FROM notification_subscriptions ORDER BY created_at').pluck().all() as string[];
}
