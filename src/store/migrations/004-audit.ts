import { sql } from 'kysely';
import { autoId, MS, type Migration } from './types';

/**
 * Audit trail: who did what, where, when, with what result (src/security/audit-log.ts).
 * Append-only: the bot has no UPDATE or DELETE for this table, and a trigger refuses them, so a bug
 * or an injected statement cannot rewrite history. Retention, if ever needed, is an operator's job
 * on a copy of the database (drop the triggers there, not here).
 */
export const audit: Migration = {
  version: 4,
  name: '004-audit',
  async up(db, kind) {
    const [idType, id] = autoId(kind);
    await db.schema
      .createTable('audit_log')
      .ifNotExists()
      .addColumn('id', idType, id)
      .addColumn('at', MS, (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('command', 'action', 'job', 'fix', 'refusal')`))
      .addColumn('what', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('environment', 'text')
      .addColumn('result', 'text', (c) => c.notNull().check(sql`result IN ('ok', 'refused', 'failed')`))
      .addColumn('code', 'text')
      .addColumn('conversation', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').ifNotExists().on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_log_actor').ifNotExists().on('audit_log').expression(sql`lower(actor_name)`).execute();
    await db.schema.createIndex('audit_log_environment').ifNotExists().on('audit_log').expression(sql`lower(environment)`).execute();
    if (kind === 'postgres') {
      await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    } else {
      await sql`CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    }
  },
};
