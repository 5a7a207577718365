-- Sync jobs (issue 5): one row per job, one row per member, and the conversations that asked to be told about failures.
CREATE TABLE sync_jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('group', 'users', 'retry')),
  requested_by_id TEXT,
  requested_by_name TEXT NOT NULL,
  conversation_key TEXT,
  card_conversation_key TEXT,
  card_activity_id TEXT,
  environment_id TEXT NOT NULL,
  environment_name TEXT NOT NULL,
  instance_url TEXT,
  target TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL CHECK (state IN ('preview', 'queued', 'running', 'done', 'failed', 'cancelled')),
  error TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  members INTEGER NOT NULL DEFAULT 0,
  synced INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  notified_at INTEGER
);
CREATE INDEX sync_jobs_state ON sync_jobs (state);
CREATE INDEX sync_jobs_created ON sync_jobs (created_at DESC);

CREATE TABLE sync_job_members (
  job_id TEXT NOT NULL REFERENCES sync_jobs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  object_id TEXT NOT NULL,
  upn TEXT NOT NULL,
  display_name TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'synced', 'failed', 'skipped')),
  reason TEXT,
  detail TEXT,
  prediction TEXT,
  prediction_reason TEXT,
  prediction_detail TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  visible INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (job_id, seq),
  UNIQUE (job_id, object_id)
);
CREATE INDEX sync_job_members_state ON sync_job_members (job_id, state, seq);

CREATE TABLE notification_subscriptions (
  conversation_key TEXT PRIMARY KEY,
  subscribed_by_id TEXT,
  subscribed_by_name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
