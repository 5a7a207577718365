-- Audit trail: who did what, where, when, with what result (see src/security/audit-log.ts).
-- Append-only: the bot has no UPDATE or DELETE for this table, and the triggers refuse them, so
-- a bug or an injected statement cannot rewrite history. Retention, if ever needed, is an
-- operator's job on a copy of the database (drop the triggers there, not here).
CREATE TABLE IF NOT EXISTS audit_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            INTEGER NOT NULL,
  actor_id      TEXT,
  actor_name    TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('command', 'action', 'job', 'fix', 'refusal')),
  what          TEXT NOT NULL,
  summary       TEXT NOT NULL,
  environment   TEXT,
  result        TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),
  code          TEXT,
  conversation  TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor_name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS audit_log_environment ON audit_log (environment COLLATE NOCASE);

CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
