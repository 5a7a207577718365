import type { DataverseTeam, DirectoryUser, Environment, SubscribedSku, SystemUser } from '../../gateways/types';

/** Active directory-role assignments that change the rules (microsoft-apis.md §4.7). */
export interface AdminRoles {
  global: boolean;
  powerPlatform: boolean;
  dynamics365: boolean;
}

/** The user's relation to the environment's security group (only when the environment has one). */
export interface SecurityGroupFacts {
  id: string;
  displayName: string;
  directMember: boolean;
  owner: boolean;
  /** Member directly or through nested groups. */
  transitiveMember: boolean;
  /** When the membership is nested only: the direct member groups of the security group that contain the user, if known. */
  viaGroups?: string[];
}

/**
 * Everything needed to judge one user in one environment. Gathered per user by the diagnosis or in
 * bulk by the sync preview; evaluateAccess() does no I/O.
 */
export interface AccessFacts {
  /** null: no such account (or deleted). */
  user: DirectoryUser | null;
  environment: Environment;
  skus: SubscribedSku[];
  adminRoles: AdminRoles;
  /** null when the environment has no security group (or no Dataverse). */
  securityGroup: SecurityGroupFacts | null;
  /** null: not provisioned yet; 'unknown': could not be read (e.g. the bot has no access to that Dataverse). */
  systemUser: SystemUser | null | 'unknown';
  /** Every Entra group team of the environment (teamtype 2 and 3) with its roles. */
  groupTeams: DataverseTeam[];
  /**
   * The user's direct group ids, for matching group teams (membershiptype 0/1/3). Direct only: §3.5
   * doesn't say whether nested membership fills a group team (UNVERIFIED; the simulator's knob
   * `groupTeamNestedMembershipCounts` defaults to the same).
   */
  userGroupIds: string[];
  /** Groups the user reaches only through nested groups (said in the role check, never counted). */
  nestedGroupIds?: string[];
  /** Groups of Owners group teams (membershiptype 2) that the user owns. */
  ownedGroupIds?: string[];
}

export const NO_ADMIN_ROLES: AdminRoles = { global: false, powerPlatform: false, dynamics365: false };
