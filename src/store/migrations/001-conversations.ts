import { MS, type Migration } from './types';

/** The ConversationReference of every conversation the bot has seen, for proactive messages. */
export const conversations: Migration = {
  version: 1,
  name: '001-conversations',
  async up(db) {
    await db.schema
      .createTable('conversations')
      .addColumn('conversation_key', 'text', (c) => c.primaryKey())
      .addColumn('reference_json', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('conversation_type', 'text')
      .addColumn('first_seen_at', MS, (c) => c.notNull())
      .addColumn('last_seen_at', MS, (c) => c.notNull())
      // Set when Teams answered 403 MessageWritesBlocked (the user blocked or removed the bot); cleared when they talk to it again.
      .addColumn('blocked_at', MS)
      .execute();
  },
};
