import type { SimAppModule, SimDataverse, SimRole, SimSystemUser, SimTeam } from '../model';
import { APP_MODULE_COLUMNS, appModuleRecord, publishedAppModules } from './app-modules';
import type { TenantState } from '../types';
import { NAVIGATION_METADATA, type EntitySetName, type NavigationName, type NavigationProperty } from './navigation-metadata';
import { organizationIdOf } from './organization-id';
import { businessUnitRecord, organizationRecord, parentRoleOf, roleRecord, sameId, systemUserRecord, teamRecord } from './records';
import { systemUserPositions } from './system-user-index';

export type ColumnType = 'guid' | 'string' | 'bool' | 'int';

export interface Row {
  record: Record<string, unknown>;
  /** Related rows through a navigation property of this entity (at most one for a single-valued one). */
  navigate(navigation: string): Row[];
}

export interface Scope {
  dataverse: SimDataverse;
  state: TenantState;
}

export interface EntitySet {
  name: EntitySetName;
  typeName: string;
  key: string;
  columns: Readonly<Record<string, ColumnType>>;
  /** Navigation property → its kind and target, from navigation-metadata.ts. */
  navigations: Readonly<Record<string, NavigationProperty>>;
  rows(scope: Scope): Row[];
  /** Rows whose azureactivedirectoryobjectid is one of `ids`, through an index (hot path during syncs). */
  rowsByObjectId?(scope: Scope, ids: string[]): Row[];
}

type Role = SimRole;
type BusinessUnit = SimDataverse['businessUnits'][number];
/** How each navigation of the metadata table finds its related rows: the compiler holds the two in step. */
type Resolvers<S extends EntitySetName, T> = Record<NavigationName<S>, (item: T, scope: Scope) => Row[]>;

const isMember = (team: SimTeam, user: SimSystemUser): boolean => team.memberIds.some((id) => sameId(id, user.systemUserId));

const USER_NAVIGATIONS: Resolvers<'systemusers', SimSystemUser> = {
  businessunitid: (user, scope) => businessUnitRows(scope, (bu) => sameId(bu.id, user.businessUnitId)),
  systemuserroles_association: (user, scope) => roleRows(scope, (role) => user.roleIds.some((id) => sameId(id, role.id))),
  teammembership_association: (user, scope) => teamRows(scope, (team) => isMember(team, user)),
};

const TEAM_NAVIGATIONS: Resolvers<'teams', SimTeam> = {
  businessunitid: (team, scope) => businessUnitRows(scope, (bu) => sameId(bu.id, team.businessUnitId)),
  teamroles_association: (team, scope) => roleRows(scope, (role) => team.roleIds.some((id) => sameId(id, role.id))),
  teammembership_association: (team, scope) => userRows(scope, (user) => isMember(team, user)),
};

/** A root role has no parent role and is its own root role (UNVERIFIED, documented); a copy points at both. */
const ROLE_NAVIGATIONS: Resolvers<'roles', Role> = {
  businessunitid: (role, scope) => businessUnitRows(scope, (bu) => sameId(bu.id, role.businessUnitId)),
  parentroleid: (role, scope) => roleRows(scope, (other) => other === parentRoleOf(role, scope.dataverse)),
  parentrootroleid: (role, scope) => roleRows(scope, (other) => sameId(other.id, role.parentRootRoleId ?? role.id)),
  systemuserroles_association: (role, scope) => userRows(scope, (user) => user.roleIds.some((id) => sameId(id, role.id))),
  teamroles_association: (role, scope) => teamRows(scope, (team) => team.roleIds.some((id) => sameId(id, role.id))),
  appmoduleroles_association: (role, scope) => appModuleRows(scope, (app) => app.roleIds.some((id) => sameId(id, role.id))),
};

const APP_MODULE_NAVIGATIONS: Resolvers<'appmodules', SimAppModule> = {
  appmoduleroles_association: (app, scope) => roleRows(scope, (role) => app.roleIds.some((id) => sameId(id, role.id))),
};

const BUSINESS_UNIT_NAVIGATIONS: Resolvers<'businessunits', BusinessUnit> = {
  parentbusinessunitid: (bu, scope) => businessUnitRows(scope, (other) => sameId(other.id, bu.parentId)),
  business_unit_parent_business_unit: (bu, scope) => businessUnitRows(scope, (other) => sameId(other.parentId, bu.id)),
  business_unit_system_users: (bu, scope) => userRows(scope, (user) => sameId(user.businessUnitId, bu.id)),
  business_unit_teams: (bu, scope) => teamRows(scope, (team) => sameId(team.businessUnitId, bu.id)),
  business_unit_roles: (bu, scope) => roleRows(scope, (role) => sameId(role.businessUnitId, bu.id)),
};

function rowOf<S extends EntitySetName, T>(item: T, record: Record<string, unknown>, resolvers: Resolvers<S, T>, scope: Scope): Row {
  return {
    record,
    navigate: (navigation) => (Object.hasOwn(resolvers, navigation) ? resolvers[navigation as NavigationName<S>](item, scope) : []),
  };
}

const userRow = (user: SimSystemUser, scope: Scope): Row => rowOf(user, systemUserRecord(user, scope.state), USER_NAVIGATIONS, scope);

function userRows(scope: Scope, wanted: (user: SimSystemUser) => boolean): Row[] {
  return scope.dataverse.systemUsers.filter(wanted).map((user) => userRow(user, scope));
}

function teamRows(scope: Scope, wanted: (team: SimTeam) => boolean): Row[] {
  return scope.dataverse.teams.filter(wanted).map((team) => rowOf(team, teamRecord(team, scope.dataverse), TEAM_NAVIGATIONS, scope));
}

function roleRows(scope: Scope, wanted: (role: Role) => boolean): Row[] {
  return scope.dataverse.roles.filter(wanted).map((role) => rowOf(role, roleRecord(role, scope.dataverse), ROLE_NAVIGATIONS, scope));
}

function appModuleRows(scope: Scope, wanted: (app: SimAppModule) => boolean): Row[] {
  return publishedAppModules(scope.dataverse).filter(wanted).map((app) => rowOf(app, appModuleRecord(app), APP_MODULE_NAVIGATIONS, scope));
}

function organizationRows(scope: Scope): Row[] {
  const env = scope.state.environmentsByOrg.get(scope.dataverse.org.toLowerCase());
  return env ? [{ record: organizationRecord(organizationIdOf(env.id), scope.dataverse), navigate: () => [] }] : [];
}

function businessUnitRows(scope: Scope, wanted: (bu: BusinessUnit) => boolean): Row[] {
  return scope.dataverse.businessUnits.filter(wanted).map((bu) => rowOf(bu, businessUnitRecord(bu), BUSINESS_UNIT_NAVIGATIONS, scope));
}

const SYSTEMUSER_COLUMNS: Record<string, ColumnType> = {
  systemuserid: 'guid', azureactivedirectoryobjectid: 'guid', domainname: 'string', internalemailaddress: 'string',
  fullname: 'string', firstname: 'string', lastname: 'string', isdisabled: 'bool', disabledreason: 'string',
  accessmode: 'int', islicensed: 'bool', issyncwithdirectory: 'bool', applicationid: 'guid', azurestate: 'int',
  deletedstate: 'int', caltype: 'int', _businessunitid_value: 'guid', setupuser: 'bool', isintegrationuser: 'bool',
  userlicensetype: 'int', windowsliveid: 'string', azuredeletedon: 'string',
};

const all = (): boolean => true;

export const ENTITY_SETS: Readonly<Record<EntitySetName, EntitySet>> = {
  systemusers: {
    name: 'systemusers',
    typeName: 'systemuser',
    key: 'systemuserid',
    columns: SYSTEMUSER_COLUMNS,
    navigations: NAVIGATION_METADATA.systemusers,
    rows: (scope) => userRows(scope, all),
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
    navigations: NAVIGATION_METADATA.teams,
    rows: (scope) => teamRows(scope, all),
  },
  roles: {
    name: 'roles',
    typeName: 'role',
    key: 'roleid',
    columns: { roleid: 'guid', name: 'string', description: 'string', _businessunitid_value: 'guid', _parentrootroleid_value: 'guid', _parentroleid_value: 'guid', ismanaged: 'bool' },
    navigations: NAVIGATION_METADATA.roles,
    rows: (scope) => roleRows(scope, all),
  },
  businessunits: {
    name: 'businessunits',
    typeName: 'businessunit',
    key: 'businessunitid',
    columns: { businessunitid: 'guid', name: 'string', _parentbusinessunitid_value: 'guid' },
    navigations: NAVIGATION_METADATA.businessunits,
    rows: (scope) => businessUnitRows(scope, all),
  },
  organizations: {
    name: 'organizations',
    typeName: 'organization',
    key: 'organizationid',
    columns: { organizationid: 'guid', name: 'string', orgdborgsettings: 'string' },
    navigations: NAVIGATION_METADATA.organizations,
    rows: organizationRows,
  },
  appmodules: {
    name: 'appmodules',
    typeName: 'appmodule',
    key: 'appmoduleid',
    columns: APP_MODULE_COLUMNS,
    navigations: NAVIGATION_METADATA.appmodules,
    rows: (scope) => appModuleRows(scope, all),
  },
};

export function entitySet(name: string): EntitySet | undefined {
  return Object.hasOwn(ENTITY_SETS, name) ? ENTITY_SETS[name as EntitySetName] : undefined;
}

export function navigationOf(set: EntitySet, name: string): NavigationProperty | undefined {
  return Object.hasOwn(set.navigations, name) ? set.navigations[name] : undefined;
}
