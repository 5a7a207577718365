/**
 * The store's tables as Kysely sees them: one description for SQLite and PostgreSQL. Times are
 * epoch milliseconds (BIGINT in PostgreSQL, read back as numbers); JSON is kept as text.
 */
import type { Generated, Kysely, Transaction } from 'kysely';

export interface ConversationsTable {
  conversation_key: string;
  reference_json: string;
  tenant_id: string | null;
  conversation_type: string | null;
  first_seen_at: number;
  last_seen_at: number;
  blocked_at: number | null;
}

export interface SyncJobsTable {
  id: string;
  kind: 'group' | 'users' | 'retry';
  requested_by_id: string | null;
  requested_by_name: string;
  conversation_key: string | null;
  card_conversation_key: string | null;
  card_activity_id: string | null;
  environment_id: string;
  environment_name: string;
  instance_url: string | null;
  target: string;
  options: Generated<string>;
  state: 'preview' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  members: Generated<number>;
  synced: Generated<number>;
  failed: Generated<number>;
  skipped: Generated<number>;
  notified_at: number | null;
}

export interface SyncJobMembersTable {
  job_id: string;
  seq: number;
  object_id: string;
  upn: string;
  display_name: string;
  state: Generated<'pending' | 'running' | 'synced' | 'failed' | 'skipped'>;
  reason: string | null;
  detail: string | null;
  prediction: 'ready' | 'blocked' | null;
  prediction_reason: string | null;
  prediction_detail: string | null;
  attempts: Generated<number>;
  visible: Generated<number>;
  /** The role step of a sync with a role: assigned, held (already), failed; null when there was none (migration 008). */
  role_state: Generated<'assigned' | 'held' | 'failed' | null>;
  role_detail: Generated<string | null>;
}

export interface NotificationSubscriptionsTable {
  conversation_key: string;
  subscribed_by_id: string | null;
  subscribed_by_name: string;
  created_at: number;
}

export interface ConfirmationsTable {
  id: string;
  kind: string;
  user_id: string;
  payload: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: string | null;
  actor_name: string;
  kind: 'command' | 'action' | 'job' | 'fix' | 'refusal';
  what: string;
  summary: string;
  environment: string | null;
  result: 'ok' | 'refused' | 'failed';
  code: string | null;
  conversation: string | null;
}

export interface WatchesTable {
  id: Generated<number>;
  group_id: string;
  group_name: string;
  environment_id: string;
  environment_name: string;
  instance_url: string | null;
  conversation_key: string;
  created_by_id: string | null;
  created_by_name: string;
  delta_link: string;
  created_at: number;
  last_checked_at: number | null;
  last_error: string | null;
}

/** Per-caller token buckets for expensive requests (shared by every instance on PostgreSQL). */
export interface RateBucketsTable {
  key: string;
  tokens: number;
  updated_at: number;
}

/** Dialog state per person per conversation (src/bot/dialogs): JSON kept as text, replaced whole. */
export interface DialogStateTable {
  key: string;
  state: string;
  etag: string;
  updated_at: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface Schema {
  conversations: ConversationsTable;
  sync_jobs: SyncJobsTable;
  sync_job_members: SyncJobMembersTable;
  notification_subscriptions: NotificationSubscriptionsTable;
  confirmations: ConfirmationsTable;
  audit_log: AuditLogTable;
  watches: WatchesTable;
  rate_buckets: RateBucketsTable;
  dialog_state: DialogStateTable;
  schema_migrations: SchemaMigrationsTable;
}

/** The store's query builder, or a transaction on it: every repository function takes one. */
export type Db = Kysely<Schema> | Transaction<Schema>;

/** Runs `work` in a transaction, or in the caller's when `db` already is one. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
