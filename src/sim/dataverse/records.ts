import type { SimDataverse, SimOrganizationSettings, SimRole, SimSystemUser, SimTeam } from '../model';
import type { TenantState } from '../types';

const MANAGED_ROLES = new Set(['System Administrator', 'System Customizer', 'Basic User', 'Environment Maker', 'Support User', 'Delegate']);

/** A systemuser row with the §3.2 columns. First/last name follow Entra for synced users ("#" for apps). */
export function systemUserRecord(user: SimSystemUser, state: TenantState): Record<string, unknown> {
  const entra = user.azureObjectId ? state.usersById.get(user.azureObjectId.toLowerCase()) : undefined;
  const isApplication = Boolean(user.applicationId);
  const [first, ...rest] = user.fullName.split(' ');
  const firstName = isApplication ? '#' : (entra?.givenName ?? first ?? '') || '#';
  const lastName = isApplication ? user.fullName.replace(/^#\s*/, '') : (entra?.surname ?? rest.join(' '));
  const setupUser = user.accessMode === 1 && !user.isLicensed;
  return {
    systemuserid: user.systemUserId,
    azureactivedirectoryobjectid: user.azureObjectId,
    domainname: user.domainName,
    internalemailaddress: user.internalEmailAddress ?? null,
    fullname: user.fullName,
    firstname: firstName,
    lastname: lastName,
    isdisabled: user.isDisabled,
    disabledreason: user.disabledReason ?? null,
    accessmode: user.accessMode,
    islicensed: user.isLicensed,
    issyncwithdirectory: user.azureObjectId !== null && !isApplication && user.accessMode !== 3 && user.accessMode !== 5,
    applicationid: user.applicationId ?? null,
    azurestate: user.azureState ?? 0,
    deletedstate: 0,
    caltype: user.isLicensed ? 7 : user.accessMode === 1 ? 1 : 0,
    _businessunitid_value: user.businessUnitId,
    setupuser: setupUser,
    isintegrationuser: false,
    userlicensetype: user.isLicensed ? 38 : -1,
    windowsliveid: null,
    azuredeletedon: null,
  };
}

export function teamRecord(team: SimTeam, dataverse: SimDataverse): Record<string, unknown> {
  const isGroupTeam = team.teamType === 2 || team.teamType === 3;
  const businessUnit = dataverse.businessUnits.find((bu) => bu.id === team.businessUnitId);
  return {
    teamid: team.id,
    name: team.name,
    teamtype: team.teamType,
    membershiptype: isGroupTeam ? (team.membershipType ?? 0) : null,
    azureactivedirectoryobjectid: isGroupTeam ? (team.groupId ?? null) : null,
    _businessunitid_value: team.businessUnitId,
    isdefault: team.teamType === 0 && businessUnit?.name === team.name,
  };
}

/**
 * A role row. A root role's `_parentrootroleid_value` is its own id and it has no parent role; a business
 * unit's copy points at its root role and at the copy of the parent business unit (§9.2, role.md).
 */
export function roleRecord(role: SimRole, dataverse: SimDataverse): Record<string, unknown> {
  return {
    roleid: role.id,
    name: role.name,
    description: role.description ?? null,
    _businessunitid_value: role.businessUnitId,
    _parentrootroleid_value: role.parentRootRoleId ?? role.id,
    _parentroleid_value: parentRoleOf(role, dataverse)?.id ?? null,
    ismanaged: MANAGED_ROLES.has(role.name),
  };
}

/** The copy of the same root role in the parent business unit (the root role itself under the root unit). */
export function parentRoleOf(role: SimRole, dataverse: SimDataverse): SimRole | undefined {
  const rootId = role.parentRootRoleId;
  if (!rootId) return undefined;
  const unit = dataverse.businessUnits.find((bu) => sameId(bu.id, role.businessUnitId));
  const parentUnit = unit?.parentId ?? null;
  return dataverse.roles.find((other) => sameId(other.businessUnitId, parentUnit) && (sameId(other.id, rootId) || sameId(other.parentRootRoleId, rootId)));
}

/** The organization row: its id (WhoAmI's OrganizationId), name, and the settings XML (§9.3, "Read and update environment settings"). */
export function organizationRecord(organizationId: string, dataverse: SimDataverse): Record<string, unknown> {
  return { organizationid: organizationId, name: dataverse.org, orgdborgsettings: orgDbOrgSettings(dataverse.settings ?? {}) };
}

/** Only the settings an environment has set appear in the XML; absent ones keep their defaults. */
function orgDbOrgSettings(settings: SimOrganizationSettings): string {
  const elements: string[] = [];
  if (settings.enableOwnershipAcrossBusinessUnits !== undefined) elements.push(`<EnableOwnershipAcrossBusinessUnits>${String(settings.enableOwnershipAcrossBusinessUnits)}</EnableOwnershipAcrossBusinessUnits>`);
  if (settings.doNotRemoveRolesOnChangeBusinessUnit !== undefined) elements.push(`<DoNotRemoveRolesOnChangeBusinessUnit>${String(settings.doNotRemoveRolesOnChangeBusinessUnit)}</DoNotRemoveRolesOnChangeBusinessUnit>`);
  return `<OrgSettings>${elements.join('')}</OrgSettings>`;
}

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && a.toLowerCase() === b.toLowerCase());
}

export function businessUnitRecord(bu: SimDataverse['businessUnits'][number]): Record<string, unknown> {
  return { businessunitid: bu.id, name: bu.name, _parentbusinessunitid_value: bu.parentId };
}
