import type { SystemUser } from '../../gateways/types';
import { licenceEntitlements, type LicenceEntitlement } from '../licensing';
import type { AccessCheck, CheckId, CheckStatus, Fix } from './diagnosis';
import type { AccessFacts } from './facts';

/** Values derived once from the facts and shared by the individual checks. */
export interface EvalContext {
  facts: AccessFacts;
  /** How the person is called in the text: given name, else display name. */
  who: string;
  env: string;
  hasDataverse: boolean;
  /** Global or Power Platform administrator: exempt from the security group. */
  groupExempt: boolean;
  /** Any of the three admin roles: may be added without a licence (Administrative access mode). */
  adminRole: string | null;
  entitlements: LicenceEntitlement[];
  /** The systemuser row when it could be read and exists. */
  row: SystemUser | null;
}

export function buildContext(facts: AccessFacts): EvalContext {
  const { user, environment, adminRoles } = facts;
  const adminRole = adminRoles.global
    ? 'Global Administrator'
    : adminRoles.powerPlatform
      ? 'Power Platform Administrator'
      : adminRoles.dynamics365
        ? 'Dynamics 365 Administrator'
        : null;
  return {
    facts,
    who: user ? (user.givenName?.trim() || user.displayName) : 'This person',
    env: environment.displayName,
    hasDataverse: environment.dataverse !== null,
    groupExempt: adminRoles.global || adminRoles.powerPlatform,
    adminRole,
    entitlements: user ? licenceEntitlements(user.assignedLicenses, facts.skus) : [],
    row: facts.systemUser === 'unknown' ? null : facts.systemUser,
  };
}

export function check(id: CheckId, title: string, status: CheckStatus, detail: string, fix: Fix | null = null): AccessCheck {
  return { id, status, title, detail, fix };
}

export { list } from '../list-names';
