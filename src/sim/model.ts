/**
 * The simulated tenant's data model: exactly what a fixture JSON file holds (see
 * docs/simulated-tenant.md and src/sim/fixture.schema.json). The simulator keeps one mutable
 * copy of it in memory (TenantState) and serves Graph, BAP and Dataverse views of it.
 *
 * This model is the simulator's own: nothing in the bot imports it, so the bot's rules and the
 * simulator's rules are written twice, independently, and the simulator can act as an oracle.
 */

export interface TenantFixture {
  tenant: { id: string; displayName: string; defaultDomain: string };
  /** App registrations allowed to get tokens: client id + secret, and whether registered as a Power Platform management app. */
  apps: SimApp[];
  skus: SimSku[];
  users: SimUser[];
  groups: SimGroup[];
  /** Directory role assignments (active only). */
  directoryRoles: SimDirectoryRole[];
  environments: SimEnvironment[];
  /** Entra service principals (enterprise applications), e.g. integrations with a Dataverse application user (§14). */
  servicePrincipals?: SimServicePrincipal[];
  /** Bulk data: expanded at load time into users and group members. */
  generators?: SimGenerator[];
}

export interface SimApp {
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Registered with Power Platform as an admin management application (else BAP answers 403). */
  managementApp: boolean;
  /**
   * Microsoft Graph application permissions granted to the app with admin consent, e.g. `User.Read.All`:
   * they go into the `roles` claim of its Graph tokens, and Graph refuses (403) what none of them allows
   * (src/sim/graph/permissions.ts).
   */
  graphPermissions: string[];
}

export interface SimServicePlan {
  servicePlanId: string;
  servicePlanName: string;
}

export interface SimSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  prepaidUnits: number;
  servicePlans: SimServicePlan[];
  /** Graph refuses to assign this SKU to someone who holds none of these (an add-on without its base; DependencyViolation, §12: code UNVERIFIED). */
  requiresSkuIds?: string[];
  /** Graph refuses to assign this SKU next to any of these (MutuallyExclusiveViolation, §12: code UNVERIFIED). */
  mutuallyExclusiveSkuIds?: string[];
}

export interface SimLicense {
  skuId: string;
  disabledPlans?: string[];
  /** Inherited from this group's `assignedLicenses` (group-based licensing, §12); absent = assigned directly. */
  assignedByGroup?: string;
  /**
   * The group assignment failed for this user (`licenseAssignmentStates` state Error, §12), e.g. CountViolation when no
   * unit was free: the licence is not in `assignedLicenses` and consumes no unit.
   */
  error?: 'CountViolation' | 'MutuallyExclusiveViolation' | 'DependencyViolation';
}

export interface SimUser {
  id: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  userPrincipalName: string;
  mail?: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  /** Soft-deleted users are invisible to /users (as in Graph) but the sync treats them as deleted. */
  deleted?: boolean;
  /**
   * With `deleted`: how many days before the simulator's start (its clock when deleted users are first read)
   * the user was deleted (default 1). Past the 30-day retention (§13) the user is purged: gone from
   * `/directory/deletedItems` too.
   */
  deletedDaysAgo?: number;
  /** For guests: licences assigned in the guest's home tenant (never valid here). */
  homeTenantLicenses?: SimLicense[];
  /** Licences direct and inherited from groups (`assignedByGroup`), as `licenseAssignmentStates` lists them. */
  licenses: SimLicense[];
  /**
   * ISO 3166 alpha-2 country, "Required for users that are assigned licenses" (§12). Absent: `US`, the country the
   * admin centers fill in when they create a user; `null`: not set (Graph refuses a direct licence assignment).
   */
  usageLocation?: string | null;
}

/** An Entra service principal: `id` is its object id, `appId` the application (client) id (§14). */
export interface SimServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  accountEnabled: boolean;
  /** Default `Application`. */
  servicePrincipalType?: 'Application' | 'ManagedIdentity' | 'Legacy';
}

export interface SimGroup {
  id: string;
  displayName: string;
  kind: 'security' | 'm365';
  /** Direct members: user ids and group ids (nested groups). */
  members: string[];
  owners: string[];
  /** Licences the group assigns to its direct user members (group-based licensing, §12: `POST /groups/{id}/assignLicense`). */
  assignedLicenses?: SimLicense[];
}

export interface SimDirectoryRole {
  roleTemplateId: string;
  displayName: string;
  memberIds: string[];
}

export type SimEnvironmentSku = 'Production' | 'Sandbox' | 'Trial' | 'Developer' | 'Default' | 'Teams';

export interface SimEnvironment {
  /** BAP environment name: GUID, or Default-{tenantId}. */
  id: string;
  displayName: string;
  sku: SimEnvironmentSku;
  runtimeState: 'Enabled' | 'AdminMode' | 'Disabled';
  /** AppPass add-on units allocated to the environment. */
  appPassCapacity: number;
  /** BAP `location` (geo), e.g. `unitedstates`. Default `unitedstates`. */
  location?: string;
  /** ISO timestamp shown as `properties.createdTime`. */
  createdTime?: string;
  /** Entra user id of the creator; for Developer environments the only user addUser accepts. */
  createdByUserId?: string | null;
  /** Absent = no Dataverse database (no linkedEnvironmentMetadata). */
  dataverse?: SimDataverse;
  /** Canvas apps of the environment, served by the Power Apps admin API (§15, src/sim/powerapps). */
  canvasApps?: SimCanvasApp[];
}

/** A canvas app (§15). Its owner holds the Owner role; `sharedWith` lists every other role assignment. */
export interface SimCanvasApp {
  /** The app name: a GUID. */
  id: string;
  displayName: string;
  /** Entra user id of the owner. */
  ownerId: string;
  createdTime?: string;
  lastModifiedTime?: string;
  /** Last publish; null = saved but never published (default: the creation time). */
  lastPublishTime?: string | null;
  /** The connectors the app uses (`connectionReferences`), with their tier. */
  connectors: SimConnector[];
  /** Uses Dataverse tables (`databaseReferences` `default.cds`): premium (§15). Default false. */
  usesDataverse?: boolean;
  sharedWith: SimAppShare[];
}

export interface SimConnector {
  /** Display name, e.g. `SQL Server`. */
  name: string;
  /** Premium connector (else standard). */
  premium: boolean;
  /** A custom connector (premium to run, §15). Default false. */
  custom?: boolean;
  /** Reaches on-premises data through a gateway (premium to run, §15). Default false. */
  onPremiseGateway?: boolean;
}

/** A role assignment: a user or group by id, or the whole tenant (`principalId` = the tenant id; CanView only, §15). */
export interface SimAppShare {
  principalId: string;
  type: 'User' | 'Group' | 'Tenant';
  roleName: 'CanView' | 'CanViewWithShare' | 'CanEdit';
}

/** A model-driven app (`appmodule`, §16). */
export interface SimAppModule {
  id: string;
  name: string;
  uniqueName: string;
  /** statecode 0 Active (default) or 1 Inactive. */
  state?: 'active' | 'inactive';
  /** `GET appmodules` returns published apps only (§16). Default true. */
  published?: boolean;
  publishedOn?: string;
  /** The roles associated with the app (`appmoduleroles_association`): their holders see and run it. */
  roleIds: string[];
}

export interface SimDataverse {
  /** The org name used in the URL: /dataverse/{org}/api/data/v9.2 */
  org: string;
  securityGroupId?: string | null;
  businessUnits: { id: string; name: string; parentId: string | null }[];
  /**
   * Security roles. A role of the root business unit is a root role; each child business unit holds its own
   * copy of every root role (same name, its own id, `parentRootRoleId` = the root role, §9.2). Copies not
   * listed are derived at load time (src/sim/fixture.ts).
   */
  roles: SimRole[];
  teams: SimTeam[];
  systemUsers: SimSystemUser[];
  /** Organization settings (the `orgdborgsettings` XML of the organization row, §9.2, §9.3). */
  settings?: SimOrganizationSettings;
  /** Model-driven apps (§16), served as `appmodules`. */
  appModules?: SimAppModule[];
}

export interface SimRole {
  id: string;
  name: string;
  businessUnitId: string;
  /** One line shown in the admin center (the role's `description` column). */
  description?: string | null;
  /** For a business unit's copy: the root role it was copied from. Absent or null: a root role. */
  parentRootRoleId?: string | null;
  /**
   * The privileges the role grants (`prvReadUser`, `prvAssignRole`, …). Absent: every privilege, as
   * System Administrator (the simulator's shorthand; Dataverse lists each privilege with a depth).
   */
  privileges?: string[];
}

export interface SimOrganizationSettings {
  /** "Record ownership across business units" (§9.2): roles from any business unit may be assigned. Default false. */
  enableOwnershipAcrossBusinessUnits?: boolean;
  /** §9.3: a business-unit change keeps the user's roles (as the new unit's copies). Default false: they are removed. */
  doNotRemoveRolesOnChangeBusinessUnit?: boolean;
}

export interface SimTeam {
  id: string;
  name: string;
  /** 0 Owner, 1 Access, 2 AAD Security Group, 3 AAD Office Group */
  teamType: 0 | 1 | 2 | 3;
  /** 0 Members and guests, 1 Members, 2 Owners, 3 Guests (group teams only) */
  membershipType?: 0 | 1 | 2 | 3;
  /** Entra group id, group teams only */
  groupId?: string | null;
  businessUnitId: string;
  roleIds: string[];
  /** systemuser ids. For group teams this is derived at run time: only provisioned users appear. */
  memberIds: string[];
}

export interface SimSystemUser {
  systemUserId: string;
  azureObjectId: string | null;
  domainName: string;
  fullName: string;
  internalEmailAddress?: string | null;
  isDisabled: boolean;
  disabledReason?: string | null;
  /** 0 Read-Write, 1 Administrative, 2 Read, 3 Support User, 4 Non-interactive, 5 Delegated Admin */
  accessMode: 0 | 1 | 2 | 3 | 4 | 5;
  isLicensed: boolean;
  applicationId?: string | null;
  /** 0 Exists, 1 Soft deleted, 2 Not found or hard deleted */
  azureState?: 0 | 1 | 2;
  businessUnitId: string;
  roleIds: string[];
}

/** Declares many users at once, e.g. a 10,000-member group with a licence mix. */
export interface SimGenerator {
  /** Group that receives the generated users as direct members (created if it does not exist). */
  groupId: string;
  groupDisplayName: string;
  count: number;
  /** Prefix for UPN and display name: `${prefix}${n}@${defaultDomain}` */
  namePrefix: string;
  /** Deterministic mix: each entry takes its share of the users, in order; shares sum to 1. */
  mix: { share: number; licenses: SimLicense[]; accountEnabled?: boolean }[];
  /** Also make every generated user a direct member of these groups (e.g. an environment's security group). */
  alsoMemberOf?: string[];
}

/** Well-known directory role template ids (Entra built-in roles table). */
export const ROLE_TEMPLATE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  powerPlatformAdministrator: '11648597-926c-4cf3-9c36-bcebb0ba8dcc',
  dynamics365Administrator: '44367163-eba1-44c3-98af-f5787879f96a',
} as const;
