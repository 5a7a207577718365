import { sql } from 'kysely';
import { MS, type Migration } from './types';

/** Sync jobs: one row per job, one row per member, and the conversations that asked to be told about failures. */
export const jobs: Migration = {
  version: 2,
  name: '002-jobs',
  async up(db) {
    await db.schema
      .createTable('sync_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('group', 'users', 'retry')`))
      .addColumn('requested_by_id', 'text')
      .addColumn('requested_by_name', 'text', (c) => c.notNull())
      .addColumn('conversation_key', 'text')
      .addColumn('card_conversation_key', 'text')
      .addColumn('card_activity_id', 'text')
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('environment_name', 'text', (c) => c.notNull())
      .addColumn('instance_url', 'text')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('preview', 'queued', 'running', 'done', 'failed', 'cancelled')`))
      .addColumn('error', 'text')
      .addColumn('created_at', MS, (c) => c.notNull())
      .addColumn('started_at', MS)
      .addColumn('finished_at', MS)
      .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('synced', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('notified_at', MS)
      .execute();
    await db.schema.createIndex('sync_jobs_state').on('sync_jobs').column('state').execute();
    await db.schema.createIndex('sync_jobs_created').on('sync_jobs').column('created_at').execute();

    await db.schema
      .createTable('sync_job_members')
      .addColumn('job_id', 'text', (c) => c.notNull().references('sync_jobs.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('upn', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending').check(sql`state IN ('pending', 'running', 'synced', 'failed', 'skipped')`))
      .addColumn('reason', 'text')
      .addColumn('detail', 'text')
      .addColumn('prediction', 'text')
      .addColumn('prediction_reason', 'text')
      .addColumn('prediction_detail', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('sync_job_members_pk', ['job_id', 'seq'])
      .addUniqueConstraint('sync_job_members_object', ['job_id', 'object_id'])
      .execute();
    await db.schema.createIndex('sync_job_members_state').on('sync_job_members').columns(['job_id', 'state', 'seq']).execute();

    await db.schema
      .createTable('notification_subscriptions')
      .addColumn('conversation_key', 'text', (c) => c.primaryKey())
      .addColumn('subscribed_by_id', 'text')
      .addColumn('subscribed_by_name', 'text', (c) => c.notNull())
      .addColumn('created_at', MS, (c) => c.notNull())
      .execute();
  },
};
