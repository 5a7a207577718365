import { num, records, str, strOrNull, type WireObject as Row } from '../http/wire';
import type { AppModule, RoleHolders } from '../types';
import { ROLE_COLUMNS, toRole, toTeam } from './system-user-mapper';

/** §16: the appmodule columns the app checks read. */
export const APP_MODULE_COLUMNS = 'appmoduleid,name,uniquename,statecode,statuscode,publishedon';
/** The N:N navigation to the app's roles (§16); single-level only (§3.3). */
export const APP_ROLES = 'appmoduleroles_association';
export const APP_MODULE_EXPAND = `${APP_ROLES}($select=${ROLE_COLUMNS})`;

/** The holders' columns for "who can open" (names shown, disabled users counted apart). */
export const HOLDER_EXPANDS = {
  users: 'systemuserroles_association',
  teams: 'teamroles_association',
} as const;
export const HOLDERS_EXPAND = `${HOLDER_EXPANDS.users}($select=systemuserid,fullname,isdisabled),${HOLDER_EXPANDS.teams}($select=teamid,name,teamtype,azureactivedirectoryobjectid)`;

/** `_parentrootroleid_value eq A or …`: every business unit's copy of the root roles (§9.2). */
export function rootRolesFilter(rootRoleIds: readonly string[]): string {
  return rootRoleIds.map((id) => `_parentrootroleid_value eq ${id}`).join(' or ');
}

export function toRoleHolders(role: Row, users: Row[], teams: Row[]): RoleHolders {
  return {
    roleId: str(role.roleid),
    name: str(role.name),
    rootRoleId: strOrNull(role._parentrootroleid_value) ?? str(role.roleid),
    users: users.map((u) => ({ systemUserId: str(u.systemuserid), fullName: str(u.fullname), isDisabled: u.isdisabled === true })),
    teams: teams.map((t) => {
      const team = toTeam(t);
      return { teamId: team.teamId, name: team.name, teamType: team.teamType, groupId: team.groupId };
    }),
  };
}

export function toAppModule(row: Row): AppModule {
  return {
    appModuleId: str(row.appmoduleid),
    name: str(row.name),
    uniqueName: str(row.uniquename),
    active: num(row.statecode, 0) === 0,
    statusCode: num(row.statuscode, 1),
    publishedOn: strOrNull(row.publishedon),
    roles: records(row[APP_ROLES]).map(toRole),
  };
}
