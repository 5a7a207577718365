import { MS, type Migration } from './types';

/** Single-use, user-bound, expiring confirmations for destructive or bulk card actions (src/app/confirmations.ts). */
export const confirmations: Migration = {
  version: 3,
  name: '003-confirmations',
  async up(db) {
    await db.schema
      .createTable('confirmations')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', MS, (c) => c.notNull())
      .addColumn('expires_at', MS, (c) => c.notNull())
      .addColumn('used_at', MS)
      .execute();
    await db.schema.createIndex('confirmations_expires_at').ifNotExists().on('confirmations').column('expires_at').execute();
  },
};
