import type { SimEnvironmentSku, SimSku } from '../model';
import type { PlanClass } from './service-plans';

/** Everything the addUser rules look at, gathered from the tenant (gather-facts.ts) so the rules stay pure. */
export interface AddUserFacts {
  /** Null when no environment has that name. */
  environment: EnvironmentFacts | null;
  /** Null when no Entra object has that id. */
  user: UserFacts | null;
}

export interface EnvironmentFacts {
  id: string;
  sku: SimEnvironmentSku;
  runtimeState: 'Enabled' | 'AdminMode' | 'Disabled';
  /** Instance URL, or null when the environment has no Dataverse database. */
  instanceUrl: string | null;
  securityGroupId: string | null;
  appPassCapacity: number;
  createdByUserId: string | null;
}

export interface UserFacts {
  id: string;
  accountEnabled: boolean;
  deleted: boolean;
  userType: 'Member' | 'Guest';
  isGlobalAdmin: boolean;
  isPowerPlatformAdmin: boolean;
  isDynamics365Admin: boolean;
  /** Membership of the environment's security group (all false when it has none). */
  directMemberOfSecurityGroup: boolean;
  nestedMemberOfSecurityGroup: boolean;
  ownerOfSecurityGroup: boolean;
  /** The user already has a row in the environment set to Non-interactive access mode (4). */
  nonInteractiveInEnvironment: boolean;
  /** Licences assigned in this tenant only; a guest's home-tenant licences never appear here. */
  licences: LicenceFacts[];
}

export interface LicenceFacts {
  skuPartNumber: string;
  capabilityStatus: SimSku['capabilityStatus'];
  /** Dataverse-relevant plans of the SKU that are not disabled on this assignment. */
  enabledPlanClasses: PlanClass[];
}

export interface EligibilityOptions {
  nestedGroupMembershipCounts: boolean;
  trialPlansCountInProduction: boolean;
  adminModeBlocksAddUser: boolean;
  developerCreatorOnly: boolean;
}
