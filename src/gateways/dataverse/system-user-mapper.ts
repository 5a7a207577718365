import { isRecord, num, records as rows, str, strOrNull, type WireObject as Row } from '../http/wire';
import type { AccessMode, DataverseTeam, SecurityRole, SystemUser, TeamType } from '../types';

const ACCESS_MODES: readonly AccessMode[] = ['Read-Write', 'Administrative', 'Read', 'Support User', 'Non-interactive', 'Delegated Admin'];
const TEAM_TYPES: readonly TeamType[] = ['owner', 'access', 'securityGroup', 'officeGroup'];


export const SYSTEM_USER_COLUMNS = 'systemuserid,azureactivedirectoryobjectid,domainname,fullname,isdisabled,disabledreason,accessmode,islicensed,applicationid,azurestate,_businessunitid_value';
export const TEAM_COLUMNS = 'teamid,name,teamtype,membershiptype,azureactivedirectoryobjectid';
/** `_parentrootroleid_value` matches a business unit's copy of a role to its root role (§9.2, §16). */
export const ROLE_COLUMNS = 'roleid,name,_parentrootroleid_value';

export function toSystemUser(row: Row): SystemUser {
  return {
    systemUserId: str(row.systemuserid),
    azureObjectId: str(row.azureactivedirectoryobjectid),
    domainName: str(row.domainname),
    fullName: str(row.fullname),
    isDisabled: row.isdisabled === true,
    disabledReason: strOrNull(row.disabledreason),
    accessMode: ACCESS_MODES[num(row.accessmode, 0)] ?? 'Read-Write',
    isLicensed: row.islicensed === true,
    applicationId: strOrNull(row.applicationid),
    azureState: num(row.azurestate, 0),
    directRoles: rows(row.systemuserroles_association).map(toRole),
    teams: rows(row.teammembership_association).map(toTeam),
    ...(typeof row._businessunitid_value === 'string' ? { businessUnitId: row._businessunitid_value } : {}),
  };
}

export function toTeam(row: Row): DataverseTeam {
  const teamType = TEAM_TYPES[num(row.teamtype, 0)] ?? 'owner';
  const isGroupTeam = teamType === 'securityGroup' || teamType === 'officeGroup';
  return {
    teamId: str(row.teamid),
    name: str(row.name),
    teamType,
    groupId: isGroupTeam ? strOrNull(row.azureactivedirectoryobjectid) : null,
    membershipType: num(row.membershiptype, 0),
    roles: rows(row.teamroles_association).map(toRole),
  };
}

export function toRole(row: Row): SecurityRole {
  return { roleId: str(row.roleid), name: str(row.name), rootRoleId: strOrNull(row._parentrootroleid_value) };
}

export function valueRows(body: unknown): Row[] {
  return isRecord(body) ? rows(body.value) : [];
}
