import { ROLE_TEMPLATE, type SimEnvironment, type SimUser } from '../model';
import { findGroup, isDirectMember, transitiveParentGroups } from '../state';
import type { TenantState } from '../types';
import type { AddUserFacts, EnvironmentFacts, LicenceFacts, UserFacts } from './facts';
import { classifyPlan, type PlanClass } from './service-plans';
import { systemUserByObjectId } from '../dataverse/system-user-index';

/** The instance URL the simulator serves an environment's Dataverse at. */
export function instanceUrlOf(origin: string, org: string): string {
  return `${origin}/dataverse/${org}/`;
}

export function gatherAddUserFacts(state: TenantState, env: SimEnvironment | undefined, userObjectId: string, origin: string): AddUserFacts {
  const environment = env ? environmentFacts(env, origin) : null;
  const user = state.usersById.get(userObjectId.toLowerCase());
  const nonInteractive = Boolean(user && env?.dataverse && systemUserByObjectId(env.dataverse.systemUsers, user.id)?.accessMode === 4);
  return { environment, user: user ? userFacts(state, user, environment?.securityGroupId ?? null, nonInteractive) : null };
}

export function environmentFacts(env: SimEnvironment, origin: string): EnvironmentFacts {
  const groupId = env.dataverse?.securityGroupId;
  return {
    id: env.id,
    sku: env.sku,
    runtimeState: env.runtimeState,
    instanceUrl: env.dataverse ? instanceUrlOf(origin, env.dataverse.org) : null,
    securityGroupId: groupId && !/^0{8}-(0{4}-){3}0{12}$/.test(groupId) ? groupId : null,
    appPassCapacity: env.appPassCapacity,
    createdByUserId: env.createdByUserId ?? null,
  };
}

function userFacts(state: TenantState, user: SimUser, securityGroupId: string | null, nonInteractiveInEnvironment: boolean): UserFacts {
  const hasRole = (templateId: string): boolean =>
    state.fixture.directoryRoles.some((role) => role.roleTemplateId === templateId && role.memberIds.some((id) => sameId(id, user.id)));
  const group = securityGroupId ? findGroup(state, securityGroupId) : undefined;
  const direct = group ? isDirectMember(state, group.id, user.id) : false;
  const nested = group && !direct ? transitiveParentGroups(state, user.id).some((g) => sameId(g.id, group.id)) : false;
  return {
    id: user.id,
    accountEnabled: user.accountEnabled,
    deleted: user.deleted === true,
    userType: user.userType,
    isGlobalAdmin: hasRole(ROLE_TEMPLATE.globalAdministrator),
    isPowerPlatformAdmin: hasRole(ROLE_TEMPLATE.powerPlatformAdministrator),
    isDynamics365Admin: hasRole(ROLE_TEMPLATE.dynamics365Administrator),
    directMemberOfSecurityGroup: direct,
    nestedMemberOfSecurityGroup: nested,
    ownerOfSecurityGroup: group ? group.owners.some((id) => sameId(id, user.id)) : false,
    nonInteractiveInEnvironment,
    licences: licenceFacts(state, user),
  };
}

/** Only `licenses` (this tenant) are read: a guest's `homeTenantLicenses` never count (§1.4 note). */
function licenceFacts(state: TenantState, user: SimUser): LicenceFacts[] {
  const facts: LicenceFacts[] = [];
  for (const licence of user.licenses) {
    if (licence.error) continue; // a failed group assignment (§12 licenseAssignmentStates) gives nothing
    const sku = state.fixture.skus.find((s) => sameId(s.skuId, licence.skuId));
    if (!sku) continue;
    const disabled = new Set((licence.disabledPlans ?? []).map((id) => id.toLowerCase()));
    const classes = new Set<PlanClass>();
    for (const plan of sku.servicePlans) {
      const planClass = disabled.has(plan.servicePlanId.toLowerCase()) ? undefined : classifyPlan(plan);
      if (planClass) classes.add(planClass);
    }
    facts.push({ skuPartNumber: sku.skuPartNumber, capabilityStatus: sku.capabilityStatus, enabledPlanClasses: [...classes] });
  }
  return facts;
}

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
