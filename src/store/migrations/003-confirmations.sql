-- Single-use, user-bound, expiring confirmations for destructive or bulk card actions
-- (e.g. "Add Jane to UAT Access", "Sync all 2,500 members"). See src/app/confirmations.ts.
CREATE TABLE IF NOT EXISTS confirmations (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  payload     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX IF NOT EXISTS confirmations_expires_at ON confirmations (expires_at);
