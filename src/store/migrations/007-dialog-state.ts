import { MS, type Migration } from './types';

/**
 * The state of conversations the bot is having (botbuilder-dialogs), one row per person per
 * conversation, so a question asked before a restart is still answered after it (src/bot/dialogs).
 */
export const dialogState: Migration = {
  version: 7,
  name: '007-dialog-state',
  async up(db) {
    await db.schema
      .createTable('dialog_state')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      // Changes on every write: a writer holding an older one lost a race and must not overwrite.
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('updated_at', MS, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dialog_state_updated_at').on('dialog_state').column('updated_at').execute();
  },
};
