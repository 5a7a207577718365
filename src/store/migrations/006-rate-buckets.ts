import { MS, type Migration } from './types';

/** Per-caller token buckets for expensive requests, in the store so that every instance counts the same ones. */
export const rateBuckets: Migration = {
  version: 6,
  name: '006-rate-buckets',
  async up(db) {
    await db.schema
      .createTable('rate_buckets')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('tokens', 'double precision', (c) => c.notNull())
      .addColumn('updated_at', MS, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_buckets_updated_at').on('rate_buckets').column('updated_at').execute();
  },
};
