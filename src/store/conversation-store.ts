import type { Db } from './schema';

/**
 * A Bot Framework ConversationReference as stored: kept as opaque JSON here so the store does not
 * depend on botbuilder (src/bot builds and reads it).
 */
export type StoredReference = Record<string, unknown>;

export interface StoredConversation {
  conversationKey: string;
  reference: StoredReference;
  tenantId: string | null;
  conversationType: string | null;
  lastSeenAt: number;
  /** When Teams refused our messages (403 MessageWritesBlocked), else null. */
  blockedAt: number | null;
}

export interface ConversationStore {
  /** Upsert on every activity; a conversation that talks to us again is no longer blocked. */
  save(conversation: { conversationKey: string; reference: StoredReference; tenantId?: string | null; conversationType?: string | null }, at: number): Promise<void>;
  get(conversationKey: string): Promise<StoredConversation | null>;
  markBlocked(conversationKey: string, at: number): Promise<void>;
}

export function createConversationStore(db: Db): ConversationStore {
  return {
    async save(conversation, at) {
      const row = {
        conversation_key: conversation.conversationKey,
        reference_json: JSON.stringify(conversation.reference),
        tenant_id: conversation.tenantId ?? null,
        conversation_type: conversation.conversationType ?? null,
        last_seen_at: at,
        blocked_at: null,
      };
      await db
        .insertInto('conversations')
        .values({ ...row, first_seen_at: at })
        .onConflict((oc) => oc.column('conversation_key').doUpdateSet(row))
        .execute();
    },
    async get(conversationKey) {
      const row = await db.selectFrom('conversations').selectAll().where('conversation_key', '=', conversationKey).executeTakeFirst();
      if (!row) return null;
      return {
        conversationKey: row.conversation_key,
        reference: JSON.parse(row.reference_json) as StoredReference,
        tenantId: row.tenant_id,
        conversationType: row.conversation_type,
        lastSeenAt: row.last_seen_at,
        blockedAt: row.blocked_at,
      };
    },
    async markBlocked(conversationKey, at) {
      await db.updateTable('conversations').set({ blocked_at: at }).where('conversation_key', '=', conversationKey).execute();
    },
  };
}
