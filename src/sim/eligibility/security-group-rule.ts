import type { EligibilityOptions, EnvironmentFacts, UserFacts } from './facts';

export type SecurityGroupOutcome = 'noGroup' | 'adminExempt' | 'directMember' | 'groupOwner' | 'nestedMember' | 'notMember';

/**
 * §1.4 rule 3: direct membership of the environment's group; group owners count on on-demand adds;
 * Global and Power Platform admins are exempt, Dynamics 365 admins are not; nested-only membership
 * counts only when the UNVERIFIED knob says so.
 */
export function evaluateSecurityGroup(user: UserFacts, env: EnvironmentFacts, options: EligibilityOptions): SecurityGroupOutcome {
  if (!env.securityGroupId) return 'noGroup';
  if (user.isGlobalAdmin || user.isPowerPlatformAdmin) return 'adminExempt';
  if (user.directMemberOfSecurityGroup) return 'directMember';
  if (user.ownerOfSecurityGroup) return 'groupOwner';
  if (user.nestedMemberOfSecurityGroup && options.nestedGroupMembershipCounts) return 'nestedMember';
  return 'notMember';
}
