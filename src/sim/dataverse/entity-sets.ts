import type { SimDataverse, SimSystemUser, SimTeam } from '../model';
import type { TenantState } from '../types';
import { businessUnitRecord, roleRecord, systemUserRecord, teamRecord } from './records';
import { systemUserPositions } from './system-user-index';

export type ColumnType = 'guid' | 'string' | 'bool' | 'int';

export interface Row {
  record: Record<string, unknown>;
  /** Related rows through a collection-valued navigation property of this entity. */
  navigate(navigation: string): Row[];
}

export interface Scope {
  dataverse: SimDataverse;
  state: TenantState;
}

export interface EntitySet {
  name: string;
  typeName: string;
  key: string;
  columns: Readonly<Record<string, ColumnType>>;
  /** Navigation property → target entity set name. */
  navigations: Readonly<Record<string, string>>;
  rows(scope: Scope): Row[];
  /** Rows whose azureactivedirectoryobjectid is one of `ids`, through an index (hot path during syncs). */
  rowsByObjectId?(scope: Scope, ids: string[]): Row[];
}

const SYSTEMUSER_COLUMNS: Record<string, ColumnType> = {
  systemuserid: 'guid', azureactivedirectoryobjectid: 'guid', domainname: 'string', internalemailaddress: 'string',
  fullname: 'string', firstname: 'string', lastname: 'string', isdisabled: 'bool', disabledreason: 'string',
  accessmode: 'int', islicensed: 'bool', issyncwithdirectory: 'bool', applicationid: 'guid', azurestate: 'int',
  deletedstate: 'int', caltype: 'int', _businessunitid_value: 'guid', setupuser: 'bool', isintegrationuser: 'bool',
  userlicensetype: 'int', windowsliveid: 'string', azuredeletedon: 'string',
};

function userRow(user: SimSystemUser, scope: Scope): Row {
  return {
    record: systemUserRecord(user, scope.state),
    navigate: (navigation) => {
      if (navigation === 'systemuserroles_association') return roleRows(scope, user.roleIds);
      if (navigation === 'teammembership_association') {
        return scope.dataverse.teams.filter((team) => team.memberIds.some((id) => id.toLowerCase() === user.systemUserId.toLowerCase())).map((team) => teamRow(team, scope));
      }
      return [];
    },
  };
}

function teamRow(team: SimTeam, scope: Scope): Row {
  return {
    record: teamRecord(team, scope.dataverse),
    navigate: (navigation) => {
      if (navigation === 'teamroles_association') return roleRows(scope, team.roleIds);
      if (navigation === 'teammembership_association') {
        const members = new Set(team.memberIds.map((id) => id.toLowerCase()));
        return scope.dataverse.systemUsers.filter((user) => members.has(user.systemUserId.toLowerCase())).map((user) => userRow(user, scope));
      }
      return [];
    },
  };
}

function roleRows(scope: Scope, roleIds: string[]): Row[] {
  const wanted = new Set(roleIds.map((id) => id.toLowerCase()));
  return scope.dataverse.roles.filter((role) => wanted.has(role.id.toLowerCase())).map((role) => ({ record: roleRecord(role), navigate: () => [] }));
}

export const ENTITY_SETS: Readonly<Record<string, EntitySet>> = {
  systemusers: {
    name: 'systemusers',
    typeName: 'systemuser',
    key: 'systemuserid',
    columns: SYSTEMUSER_COLUMNS,
    navigations: { systemuserroles_association: 'roles', teammembership_association: 'teams' },
    rows: (scope) => scope.dataverse.systemUsers.map((user) => userRow(user, scope)),
    rowsByObjectId: (scope, ids) => {
      const rows = scope.dataverse.systemUsers;
      return systemUserPositions(rows, ids).flatMap((position) => {
        const user = rows[position];
        return user ? [userRow(user, scope)] : [];
      });
    },
  },
  teams: {
    name: 'teams',
    typeName: 'team',
    key: 'teamid',
    columns: { teamid: 'guid', name: 'string', teamtype: 'int', membershiptype: 'int', azureactivedirectoryobjectid: 'guid', _businessunitid_value: 'guid', isdefault: 'bool' },
    navigations: { teamroles_association: 'roles', teammembership_association: 'systemusers' },
    rows: (scope) => scope.dataverse.teams.map((team) => teamRow(team, scope)),
  },
  roles: {
    name: 'roles',
    typeName: 'role',
    key: 'roleid',
    columns: { roleid: 'guid', name: 'string', _businessunitid_value: 'guid', ismanaged: 'bool' },
    navigations: {},
    rows: (scope) => roleRows(scope, scope.dataverse.roles.map((role) => role.id)),
  },
  businessunits: {
    name: 'businessunits',
    typeName: 'businessunit',
    key: 'businessunitid',
    columns: { businessunitid: 'guid', name: 'string', _parentbusinessunitid_value: 'guid' },
    navigations: {},
    rows: (scope) => scope.dataverse.businessUnits.map((bu) => ({ record: businessUnitRecord(bu), navigate: () => [] })),
  },
};
