-- Watched groups: new direct members of the group are synced into the environment automatically.
CREATE TABLE watches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  environment_id TEXT NOT NULL,
  environment_name TEXT NOT NULL,
  instance_url TEXT,
  conversation_key TEXT NOT NULL,
  created_by_id TEXT,
  created_by_name TEXT NOT NULL,
  -- Graph's deltaLink for the group's members: changes after it are what the next check syncs.
  delta_link TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_checked_at INTEGER,
  last_error TEXT,
  UNIQUE (group_id, environment_id)
);
