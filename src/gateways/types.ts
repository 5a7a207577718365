/**
 * The bot's view of Microsoft: our own types, never SDK or wire shapes. Each gateway
 * implementation (live or against the simulated tenant: the code is the same, only the
 * base URLs and credentials differ) maps HTTP responses into these.
 */

// ---------- Microsoft Graph (Entra ID) ----------

export interface AssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  givenName: string | null;
  surname: string | null;
  /** 'Member' or 'Guest' (guests need a licence from this tenant). */
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  assignedLicenses: AssignedLicense[];
}

/**
 * A user Entra soft-deleted: restorable for 30 days after `deletedDateTime`, then purged (§13). The UPN
 * Entra shows for a deleted user may be altered (UNVERIFIED): match by id, name or mail.
 */
export interface DeletedUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  givenName: string | null;
  /** ISO timestamp of the deletion. */
  deletedDateTime: string;
}

/** An Entra service principal (enterprise application): `id` is its object id, `appId` the application (client) id (§14). */
export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  accountEnabled: boolean;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  /** Contains 'Unified' for Microsoft 365 groups. */
  groupTypes: string[];
}

/** A direct member of a group: users come with the DirectoryUser properties, nested groups as groups. */
export type GroupMember =
  | ({ kind: 'user' } & DirectoryUser)
  | ({ kind: 'group' } & DirectoryGroup)
  | { kind: 'other'; id: string; odataType: string };

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: string;
}

export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  /** Enabled | Warning | Suspended | Deleted | LockedOut */
  capabilityStatus: string;
  servicePlans: ServicePlan[];
  /** `prepaidUnits.enabled` and `consumedUnits` (§12): free ≈ enabled − consumed. Absent when not read. */
  units?: { enabled: number; consumed: number };
}

/** One path by which a user holds a SKU (`licenseAssignmentStates`, §12): direct (`assignedByGroup` null) or through a group. */
export interface LicenceAssignment {
  skuId: string;
  assignedByGroup: string | null;
  disabledPlans: string[];
  /** Active | ActiveWithError | Disabled | Error */
  state: string;
  /** CountViolation, MutuallyExclusiveViolation, DependencyViolation, ProhibitedInUsageLocationViolation, …; null when none. */
  error: string | null;
}

/** What licensing a user needs to know: the usage location Graph requires for a direct assignment, and every assignment. */
export interface UserLicensing {
  userId: string;
  /** ISO 3166 alpha-2; null when not set (Graph then refuses a direct assignment, §12). */
  usageLocation: string | null;
  assignedLicenses: AssignedLicense[];
  assignments: LicenceAssignment[];
}

/** A group that assigns licences to its direct members (group-based licensing, §12). */
export interface LicensingGroup extends DirectoryGroup {
  assignedLicenses: AssignedLicense[];
}

export interface DirectoryRole {
  id: string;
  displayName: string;
  roleTemplateId: string;
}

/** What `/users/{id}/memberOf` (direct) returns, split by kind. */
export interface UserMemberships {
  groups: DirectoryGroup[];
  roles: DirectoryRole[];
}

export interface GroupDeltaPage {
  /** Member ids added (and removed, with `removed`) since the last delta link. */
  changes: { groupId: string; memberId: string; removed: boolean }[];
  /** Present once the round is complete: store it and pass it to the next call. */
  deltaLink?: string;
}

export interface GraphGateway {
  /** A user by object id or UPN, with accountEnabled, assignedLicenses and userType selected; null when not found. */
  getUser(idOrUpn: string): Promise<DirectoryUser | null>;
  /**
   * People matching free text: exact UPN or mail, display name, or given-name/display-name prefix.
   * Values are OData-escaped by the gateway; never more than `limit` results.
   */
  findUsers(query: string, limit: number): Promise<DirectoryUser[]>;
  /**
   * Soft-deleted users (`/directory/deletedItems/microsoft.graph.user`) whose display name, UPN or mail starts
   * with the text; never more than `limit`. Needs User.Read.All.
   */
  findDeletedUsers(query: string, limit: number): Promise<DeletedUser[]>;
  /** A soft-deleted user by object id; null when there is none (never deleted, or purged). */
  getDeletedUser(id: string): Promise<DeletedUser | null>;
  /** A service principal by application (client) id; null when none. Needs Application.Read.All. */
  getServicePrincipalByAppId(appId: string): Promise<ServicePrincipal | null>;
  /** Service principals whose display name starts with the text (names are not unique), exact names first; never more than `limit`. */
  findServicePrincipals(query: string, limit: number): Promise<ServicePrincipal[]>;
  /** Groups by exact display name first, else display-name prefix. */
  findGroups(query: string, limit: number): Promise<DirectoryGroup[]>;
  getGroup(id: string): Promise<DirectoryGroup | null>;
  /**
   * Every member, page by page ($top=999, following @odata.nextLink), users with the DirectoryUser
   * properties selected. `transitive` uses /transitiveMembers.
   */
  listGroupMembers(groupId: string, options?: { transitive?: boolean }): AsyncIterable<GroupMember[]>;
  /** Ids of the group's owners. */
  listGroupOwnerIds(groupId: string): Promise<string[]>;
  /** Direct memberships: groups and directory roles (with roleTemplateId). */
  getMemberOf(userId: string): Promise<UserMemberships>;
  /** Transitive group memberships (groups only). */
  getTransitiveGroupIds(userId: string): Promise<string[]>;
  /** Object ids of the active holders of a directory role, by role template id. */
  listDirectoryRoleMemberIds(roleTemplateId: string): Promise<string[]>;
  /** Tenant SKUs with their service plans. */
  listSubscribedSkus(): Promise<SubscribedSku[]>;
  addGroupMember(groupId: string, userId: string): Promise<void>;
  /**
   * `DELETE /groups/{id}/members/{userId}/$ref` (§12). 'not-a-member' when Graph answers 404. Refusals throw
   * GraphWriteError (src/gateways/graph/write-errors.ts); a 403 names GroupMember.ReadWrite.All.
   */
  removeGroupMember(groupId: string, userId: string): Promise<'removed' | 'not-a-member'>;
  /** The user's usage location, assigned licences and licence assignment states (one request); null when not found. */
  getUserLicensing(userId: string): Promise<UserLicensing | null>;
  /** Groups that assign this SKU (`assignedLicenses/any(x:x/skuId eq …)`, §12), with their licences, page by page. */
  findLicensingGroups(skuId: string): Promise<LicensingGroup[]>;
  /**
   * `POST /users/{id}/assignLicense` with both arrays (§12). Refusals (no usage location, no unit free, inherited,
   * conflicting plans) throw GraphWriteError with Graph's code and message; a 403 names LicenseAssignment.ReadWrite.All.
   */
  assignLicence(userId: string, add: readonly AssignedLicense[], remove: readonly string[]): Promise<void>;
  /** One round of `/groups/delta?$filter=id eq '{groupId}'`; pass the previous deltaLink to get changes only. */
  groupMemberDelta(groupId: string, deltaLink?: string): Promise<GroupDeltaPage>;
}

// ---------- Power Platform admin (BAP) ----------

export type EnvironmentSku = 'Production' | 'Sandbox' | 'Trial' | 'Developer' | 'Default' | 'Teams' | (string & {});

export interface Environment {
  /** The environment name: a GUID or Default-{tenantId}. */
  id: string;
  displayName: string;
  sku: EnvironmentSku;
  isDefault: boolean;
  /** states.runtime.id: Enabled, AdminMode, … */
  runtimeState: string;
  /** Absent when the environment has no Dataverse database. */
  dataverse: null | {
    instanceUrl: string;
    domainName: string;
    /** null when no group is associated (missing or all-zero GUID on the wire). */
    securityGroupId: string | null;
  };
  /** Sum of allocated AppPass add-ons (per-app capacity). */
  appPassCapacity: number;
  /**
   * properties.createdBy (§2.2): who created the environment; Developer environments take only their
   * creator. null or absent when unknown (e.g. `SYSTEM` for the Default environment).
   */
  createdBy?: { id: string; displayName: string } | null;
}

/** Inner code from the BAP error body (`userNotLicensed`, `userNotPartOfSecurityGroup`, …) or our own for HTTP-level failures. */
export type AddUserOutcome =
  | { ok: true }
  | { ok: false; kind: 'rejected'; status: number; code: string; description: string }
  | { ok: false; kind: 'throttled'; status: 429; retryAfterMs: number }
  | { ok: false; kind: 'transient'; status: number; detail: string };

export interface PowerPlatformGateway {
  listEnvironments(): Promise<Environment[]>;
  getEnvironment(id: string): Promise<Environment | null>;
  /**
   * POST …/environments/{id}/addUser once: no internal retry, so the sync engine sees 429s
   * and 5xx and can adapt its concurrency. Never throws for HTTP failures; throws AppError
   * only for auth/configuration problems that no retry can fix (401/403).
   */
  addUser(environmentId: string, objectId: string): Promise<AddUserOutcome>;
}

// ---------- Dataverse ----------

export interface SecurityRole {
  roleId: string;
  name: string;
  /**
   * `_parentrootroleid_value` (§9.2): the root role this one is a business unit's copy of; a root role
   * points at itself (UNVERIFIED, §16). Compares roles across business units; absent when not read.
   */
  rootRoleId?: string | null;
}

export type TeamType = 'owner' | 'access' | 'securityGroup' | 'officeGroup';

export interface DataverseTeam {
  teamId: string;
  name: string;
  teamType: TeamType;
  /** Entra group id for group teams, else null. */
  groupId: string | null;
  /** membershiptype: 0 Members and guests, 1 Members, 2 Owners, 3 Guests. */
  membershipType: number;
  roles: SecurityRole[];
}

/** accessmode labels, from the picklist 0..5. */
export type AccessMode = 'Read-Write' | 'Administrative' | 'Read' | 'Support User' | 'Non-interactive' | 'Delegated Admin';

export interface SystemUser {
  systemUserId: string;
  azureObjectId: string;
  domainName: string;
  fullName: string;
  isDisabled: boolean;
  disabledReason: string | null;
  accessMode: AccessMode;
  isLicensed: boolean;
  /** non-null for application users */
  applicationId: string | null;
  /** azurestate: 0 Exists, 1 Soft deleted, 2 Not found or hard deleted */
  azureState: number;
  directRoles: SecurityRole[];
  teams: DataverseTeam[];
  /** `_businessunitid_value`: the business unit whose copy of a role the user can be given (§9.2); absent when not read. */
  businessUnitId?: string;
}

/** Ids per `or` chain of findSystemUsers: one request per this many ids (keeps the URL near 4 KB; 1,000 users in 20 requests). */
export const IDS_PER_REQUEST = 50;

export interface DataverseGateway extends DataverseRoleAccess {
  /** The systemuser row with direct roles and team memberships (teams with their roles) expanded; null if not provisioned. */
  findSystemUser(instanceUrl: string, azureObjectId: string): Promise<SystemUser | null>;
  /**
   * Rows for many users in batched queries (one per IDS_PER_REQUEST ids, never one per user); only the
   * basic columns (no roles or teams). Missing users are simply absent from the result.
   */
  findSystemUsers(instanceUrl: string, azureObjectIds: string[]): Promise<SystemUser[]>;
  /** The application user of an Entra app (`applicationid` = its appId, §14) with roles and teams; null when the environment has none. */
  findApplicationUser(instanceUrl: string, appId: string): Promise<SystemUser | null>;
  /** Every Entra group team (teamtype 2 and 3) with its roles. */
  listGroupTeams(instanceUrl: string): Promise<DataverseTeam[]>;
  /**
   * The published model-driven apps (`appmodules`, §16) with the roles associated with each, read with a
   * single-level expand of the N:N `appmoduleroles_association` (a nested one is refused, §3.3), in pages.
   */
  listAppModules(instanceUrl: string): Promise<AppModule[]>;
  /** One model-driven app with its roles, read again (fresh); null when it is gone or unpublished. */
  getAppModule(instanceUrl: string, appModuleId: string): Promise<AppModule | null>;
  /**
   * Every business unit's copy of these root roles with the users and teams holding it, names included:
   * one roles query, single-level expands of the two N:N properties (§3.3, §9.2), in pages.
   */
  listRoleHolders(instanceUrl: string, rootRoleIds: readonly string[]): Promise<RoleHolders[]>;
  /**
   * Every systemuser row with how many roles it holds directly and through its teams: the users in pages of 5,000
   * (single-level expands of their roles and teams), then the teams that hold roles; never one request per user.
   */
  listEnvironmentUsers(instanceUrl: string): Promise<EnvironmentUser[]>;
}

/** A systemuser row of an environment, for "who has access": the basic columns and whether any role reaches it. */
export interface EnvironmentUser {
  systemUserId: string;
  azureObjectId: string;
  domainName: string;
  fullName: string;
  isDisabled: boolean;
  accessMode: AccessMode;
  applicationId: string | null;
  /** azurestate: 0 Exists, 1 Soft deleted, 2 Not found or hard deleted */
  azureState: number;
  /** `_businessunitid_value`; absent when not read. */
  businessUnitId?: string;
  directRoles: number;
  /** Roles of the teams the user is in (owner, access and group teams: a group team lists members who signed in, §3.5). */
  teamRoles: number;
  /** The teams the user is in (lower-case ids). */
  teamIds: string[];
}

/** A role (one business unit's copy) and who holds it directly: users, and teams (group teams name their Entra group). */
export interface RoleHolders {
  roleId: string;
  name: string;
  rootRoleId: string;
  users: { systemUserId: string; fullName: string; isDisabled: boolean }[];
  teams: { teamId: string; name: string; teamType: TeamType; groupId: string | null }[];
}

/** A model-driven app (§16 `appmodule`). */
export interface AppModule {
  appModuleId: string;
  name: string;
  uniqueName: string;
  /** statecode: 0 Active, 1 Inactive. */
  active: boolean;
  /** statuscode: 1 Active, 2 Inactive, 3 Deleted. */
  statusCode: number;
  /** ISO timestamp of the last publish; null when the row does not say. */
  publishedOn: string | null;
  /** The roles whose holders see and run the app (§16: each app needs at least one). */
  roles: SecurityRole[];
}

// ---------- Power Apps admin API (canvas apps, §15) ----------

/** `roleName` of a canvas app permission: Owner (UNVERIFIED name, §15), CanEdit, CanView, CanViewWithShare. */
export type CanvasRoleName = 'Owner' | 'CanEdit' | 'CanView' | 'CanViewWithShare' | (string & {});

export interface CanvasPrincipal {
  /** Object id of the user or group; the tenant id for a share with everyone. */
  id: string;
  type: 'User' | 'Group' | 'Tenant' | (string & {});
  displayName: string | null;
  email: string | null;
}

/** One role assignment of a canvas app (`Get-AdminPowerAppRoleAssignment`, §15). */
export interface CanvasAppPermission {
  /** The role assignment id (`modifyPermissions` deletes by it). */
  id: string;
  roleName: CanvasRoleName;
  principal: CanvasPrincipal;
}

/** A canvas app as the admin API lists it (§15; field names from Terraform's fixture). */
export interface CanvasApp {
  /** The app name: a GUID. */
  appId: string;
  environmentId: string;
  displayName: string;
  owner: { id: string; displayName: string; email: string | null } | null;
  createdTime: string | null;
  lastModifiedTime: string | null;
  /** `properties.lastPublishTime`; null: never published (field name UNVERIFIED). */
  lastPublishTime: string | null;
  usesPremiumApi: boolean;
  usesCustomApi: boolean;
  usesOnPremiseGateway: boolean;
  /** `databaseReferences` holds `default.cds`: the app uses Dataverse (a premium connector, §15). */
  usesDataverse: boolean;
  /** `appPlanClassification` ("Premium" or "Standard"). */
  planClassification: string | null;
  /** The connectors in `connectionReferences`: display name, and premium when `apiTier` says so (UNVERIFIED field). */
  connectors: { name: string; premium: boolean }[];
  sharedUsersCount: number;
  sharedGroupsCount: number;
  /** With `effectiveFor`: the highest role that principal holds (`maxAssignedTo`), null when none. */
  effectiveRole?: CanvasRoleName | null;
}

/** Who a share is for: a user or a group by object id (with the mail Power Apps notifies). */
export interface SharePrincipal {
  id: string;
  type: 'User' | 'Group';
  email: string | null;
}

export interface PowerAppsGateway {
  /**
   * Every canvas app of an environment, page by page (`$top`, following `nextLink`). With `effectiveFor`,
   * each app carries that principal's highest role (`$expand=permissions($filter=maxAssignedTo('{id}'))`).
   */
  listApps(environmentId: string, options?: { effectiveFor?: string }): Promise<CanvasApp[]>;
  /** Every role assignment of one app (owner, users, groups, the tenant), page by page. */
  listAppPermissions(environmentId: string, appId: string): Promise<CanvasAppPermission[]>;
  /** Shares the app (`modifyPermissions` with one `put`); Power Apps does not notify the person. */
  shareApp(environmentId: string, appId: string, principal: SharePrincipal, roleName: 'CanView' | 'CanEdit'): Promise<void>;
}

// ---------- Dataverse: roles, business units and group teams (§9–§11) ----------

/** A security role of one business unit (§9.2): each child unit holds its own copy of every root role. */
export interface RoleRecord {
  roleId: string;
  name: string;
  /** One line from the role's `description`; null when it has none. */
  description: string | null;
  businessUnitId: string;
  /** `_parentrootroleid_value`: the root role this is a copy of (a root role's own id). */
  rootRoleId: string;
}

/** A role with the ids of the users and teams that hold it directly. */
export interface RoleWithHolders extends RoleRecord {
  userIds: string[];
  teamIds: string[];
}

export interface BusinessUnit {
  businessUnitId: string;
  name: string;
  /** null for the root business unit. */
  parentId: string | null;
}

/** Settings of the organization row (`orgdborgsettings`, §9.3); null when the environment has not set one (its default applies). */
export interface OrganizationSettings {
  doNotRemoveRolesOnChangeBusinessUnit: boolean | null;
}

/** A Dataverse team for an Entra group (§11); membershipType 0 members and guests, 1 members, 2 owners, 3 guests. */
export interface NewGroupTeam {
  name: string;
  groupId: string;
  teamType: 'securityGroup' | 'officeGroup';
  membershipType: 0 | 1 | 2 | 3;
  businessUnitId: string;
  /** The team's administrator (a systemuser); null lets Dataverse choose (UNVERIFIED default). */
  administratorId: string | null;
}

/** One write inside a `$batch` (§10). */
export type BatchOperation =
  | { kind: 'assign-role'; systemUserId: string; roleId: string }
  | { kind: 'change-business-unit'; systemUserId: string; businessUnitId: string };

/** Dataverse's refusal of one write: its status, `error.code`, message, and the privilege it names (0x80040220). */
export interface DataverseRefusal {
  status: number;
  code: string;
  message: string;
  privilege: string | null;
}

export type WriteOutcome = { ok: true } | { ok: false; refusal: DataverseRefusal };

/** Roles, business units and group teams of one environment: reads in pages, writes one by one or in `$batch`. */
export interface DataverseRoleAccess {
  /**
   * Roles of every business unit (or the copies of one root role), in pages; with `withHolders` each comes
   * with the users and teams holding it, from single-level expands of the N:N properties (no nested expand, §3.3).
   */
  listRoles(instanceUrl: string, options?: { rootRoleId?: string; withHolders?: boolean }): Promise<RoleWithHolders[]>;
  listBusinessUnits(instanceUrl: string): Promise<BusinessUnit[]>;
  readOrganizationSettings(instanceUrl: string): Promise<OrganizationSettings>;
  /** The bot's own application user (WhoAmI). */
  whoAmI(instanceUrl: string): Promise<{ userId: string; businessUnitId: string }>;
  /** The writes throw DataverseWriteError (src/gateways/dataverse/write-errors.ts) with Dataverse's refusal. */
  assignRole(instanceUrl: string, systemUserId: string, roleId: string): Promise<void>;
  removeRole(instanceUrl: string, systemUserId: string, roleId: string): Promise<void>;
  assignTeamRole(instanceUrl: string, teamId: string, roleId: string): Promise<void>;
  /** Creates the team and returns its id. */
  createGroupTeam(instanceUrl: string, team: NewGroupTeam): Promise<string>;
  changeBusinessUnit(instanceUrl: string, systemUserId: string, businessUnitId: string): Promise<void>;
  /** At most 1,000 operations per `$batch` request, each run whatever the others do; one outcome per operation, in order. */
  runBatch(instanceUrl: string, operations: readonly BatchOperation[]): Promise<WriteOutcome[]>;
}

// ---------- Self-check (`doctor`) ----------

/** Whose token: Microsoft Graph, the Power Platform admin API, or one environment's Dataverse. */
export type ProbeAudience = 'graph' | 'bap' | { dataverse: string };

/** What a token says about the bot's identity (never the token itself), or why Entra refused one. */
export type TokenProbe =
  | { ok: true; appId: string | null; roles: string[] }
  | { ok: false; reason: string; aadsts: string | null };

/** The cheapest Graph read that needs each permission, and a group's first member. */
export type GraphProbeTarget = 'users' | 'groups' | 'subscribedSkus' | 'directoryRoles' | 'servicePrincipals' | { groupMembers: string };

/** `WhoAmI`, or the first row of an entity set the bot reads. */
export type DataverseProbeTarget = 'WhoAmI' | 'systemusers' | 'teams' | 'roles' | 'businessunits';

/** A probing read: how many rows it answered with, or the status (0 = no answer) and the service's error. */
export type ProbeAnswer = { ok: true; rows: number } | { ok: false; status: number; code: string; message: string };

/** Read-only probes the `doctor` command uses to prove the bot's footing: one request each, no retries. */
export interface DoctorProbe {
  token(audience: ProbeAudience): Promise<TokenProbe>;
  readGraph(target: GraphProbeTarget): Promise<ProbeAnswer>;
  readDataverse(instanceUrl: string, target: DataverseProbeTarget): Promise<ProbeAnswer>;
}
