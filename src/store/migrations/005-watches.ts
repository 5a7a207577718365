import { autoId, MS, type Migration } from './types';

/** Watched groups: new direct members of the group are synced into the environment automatically. */
export const watches: Migration = {
  version: 5,
  name: '005-watches',
  async up(db, kind) {
    const [idType, id] = autoId(kind);
    await db.schema
      .createTable('watches')
      .addColumn('id', idType, id)
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('environment_name', 'text', (c) => c.notNull())
      .addColumn('instance_url', 'text')
      .addColumn('conversation_key', 'text', (c) => c.notNull())
      .addColumn('created_by_id', 'text')
      .addColumn('created_by_name', 'text', (c) => c.notNull())
      // Graph's deltaLink for the group's members: changes after it are what the next check syncs.
      .addColumn('delta_link', 'text', (c) => c.notNull())
      .addColumn('created_at', MS, (c) => c.notNull())
      .addColumn('last_checked_at', MS)
      .addColumn('last_error', 'text')
      .addUniqueConstraint('watches_group_environment', ['group_id', 'environment_id'])
      .execute();
  },
};
