-- The ConversationReference of every conversation the bot has seen, for proactive messages.
CREATE TABLE conversations (
  conversation_key TEXT PRIMARY KEY,
  reference_json   TEXT NOT NULL,
  tenant_id        TEXT,
  conversation_type TEXT,
  first_seen_at    INTEGER NOT NULL,
  last_seen_at     INTEGER NOT NULL,
  -- Set when Teams answered 403 MessageWritesBlocked (the user blocked or removed the bot); cleared when they talk to it again.
  blocked_at       INTEGER
);
