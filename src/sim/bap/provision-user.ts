import { stableGuid } from '../ids';
import type { SimDataverse, SimSystemUser, SimTeam, SimUser } from '../model';
import { findGroup, directParentGroups, transitiveParentGroups } from '../state';
import { sameId } from '../eligibility';
import type { TenantState } from '../types';
import { systemUserByObjectId } from '../dataverse/system-user-index';

/** Knob `groupTeamNestedMembershipCounts` (UNVERIFIED, §3.5 is silent): does a nested group's member join the outer group's team? */
export interface GroupTeamRule {
  nestedGroupsCount: boolean;
}

export interface ProvisioningGrant {
  accessMode: 0 | 1;
  isLicensed: boolean;
}

/**
 * What a successful addUser does once provisioning completes: create the systemuser in the root
 * business unit, or refresh and re-enable the existing row (never a duplicate), then bring the
 * user's group-team memberships in line with Entra (group teams only list users who reached the
 * environment, §3.5).
 */
export function provisionUser(
  state: TenantState, dataverse: SimDataverse, user: SimUser, grant: ProvisioningGrant, teams: GroupTeamRule = { nestedGroupsCount: false },
): SimSystemUser {
  const row = systemUserByObjectId(dataverse.systemUsers, user.id);
  const provisioned = row ? refresh(row, grant) : create(dataverse, user, grant);
  syncGroupTeams(state, dataverse, user, provisioned.systemUserId, teams);
  return provisioned;
}

function refresh(row: SimSystemUser, grant: ProvisioningGrant): SimSystemUser {
  row.isDisabled = false;
  row.disabledReason = null;
  row.isLicensed = grant.isLicensed;
  row.azureState = 0;
  // Read, support, non-interactive and delegated-admin modes are set by admins; the sync leaves them.
  if (row.accessMode === 0 || row.accessMode === 1) row.accessMode = grant.accessMode;
  return row;
}

function create(dataverse: SimDataverse, user: SimUser, grant: ProvisioningGrant): SimSystemUser {
  const root = dataverse.businessUnits.find((bu) => bu.parentId === null) ?? dataverse.businessUnits[0];
  const row: SimSystemUser = {
    systemUserId: stableGuid(`systemuser:${dataverse.org}:${user.id.toLowerCase()}`),
    azureObjectId: user.id,
    domainName: user.userPrincipalName,
    fullName: user.displayName,
    internalEmailAddress: user.mail ?? user.userPrincipalName,
    isDisabled: false,
    disabledReason: null,
    accessMode: grant.accessMode,
    isLicensed: grant.isLicensed,
    applicationId: null,
    azureState: 0,
    businessUnitId: root?.id ?? '',
    roleIds: [],
  };
  dataverse.systemUsers.push(row);
  return row;
}

/**
 * Membership types 0/1/3 follow membership of the team's group (direct only unless the knob says
 * nested counts too), type 2 follows its owners.
 */
function syncGroupTeams(state: TenantState, dataverse: SimDataverse, user: SimUser, systemUserId: string, rule: GroupTeamRule): void {
  const groups = rule.nestedGroupsCount ? transitiveParentGroups(state, user.id) : directParentGroups(state, user.id);
  const memberOf = new Set(groups.map((group) => group.id.toLowerCase()));
  for (const team of dataverse.teams) {
    if ((team.teamType !== 2 && team.teamType !== 3) || !team.groupId) continue;
    const group = findGroup(state, team.groupId);
    const qualifies = group !== undefined && qualifiesFor(team, user, memberOf.has(group.id.toLowerCase()), group.owners.some((id) => sameId(id, user.id)));
    const index = team.memberIds.findIndex((id) => sameId(id, systemUserId));
    if (qualifies && index < 0) team.memberIds.push(systemUserId);
    if (!qualifies && index >= 0) team.memberIds.splice(index, 1);
  }
}

function qualifiesFor(team: SimTeam, user: SimUser, isMember: boolean, isOwner: boolean): boolean {
  switch (team.membershipType ?? 0) {
    case 0:
      return isMember;
    case 1:
      return isMember && user.userType === 'Member';
    case 2:
      return isOwner;
    case 3:
      return isMember && user.userType === 'Guest';
  }
}
