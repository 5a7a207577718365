import type { Database } from 'better-sqlite3';

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
  save(conversation: { conversationKey: string; reference: StoredReference; tenantId?: string | null; conversationType?: string | null }, at: number): void;
  get(conversationKey: string): StoredConversation | null;
  markBlocked(conversationKey: string, at: number): void;
}

interface Row {
  conversation_key: string;
  reference_json: string;
  tenant_id: string | null;
  conversation_type: string | null;
  last_seen_at: number;
  blocked_at: number | null;
}

export function createConversationStore(db: Database): ConversationStore {
  const upsert = db.prepare(
    `INSERT INTO conversations (conversation_key, reference_json, tenant_id, conversation_type, first_seen_at, last_seen_at, blocked_at)
     VALUES (@key, @json, @tenantId, @type, @at, @at, NULL)
     ON CONFLICT (conversation_key) DO UPDATE SET reference_json = excluded.reference_json, tenant_id = excluded.tenant_id,
       conversation_type = excluded.conversation_type, last_seen_at = excluded.last_seen_at, blocked_at = NULL`,
  );
  const select = db.prepare('SELECT * FROM conversations WHERE conversation_key = ?');
  const block = db.prepare('UPDATE conversations SET blocked_at = ? WHERE conversation_key = ?');
  return {
    save(conversation, at) {
      upsert.run({
        key: conversation.conversationKey,
        json: JSON.stringify(conversation.reference),
        tenantId: conversation.tenantId ?? null,
        type: conversation.conversationType ?? null,
        at,
      });
    },
    get(conversationKey) {
      const row = select.get(conversationKey) as Row | undefined;
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
    markBlocked(conversationKey, at) {
      block.run(at, conversationKey);
    },
  };
}
