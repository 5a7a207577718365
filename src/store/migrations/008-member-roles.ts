import type { Migration } from './types';

/**
 * The role step of a sync with a role (issue 13): per member, what happened to the role once the
 * member was in Dataverse (`assigned`, `held` already, `failed`) and why, beside the sync's own outcome.
 */
export const memberRoles: Migration = {
  version: 8,
  name: '008-member-roles',
  async up(db) {
    await db.schema.alterTable('sync_job_members').addColumn('role_state', 'text').execute();
    await db.schema.alterTable('sync_job_members').addColumn('role_detail', 'text').execute();
  },
};
