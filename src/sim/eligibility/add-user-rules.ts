import type { AddUserFacts, EligibilityOptions } from './facts';
import { evaluateLicence, type LicenceBasis } from './licence-rule';
import { evaluateSecurityGroup, type SecurityGroupOutcome } from './security-group-rule';

/**
 * Inner `Code` values. `userNotPartOfSecurityGroup` and `userNotLicensed` are Microsoft's; the
 * others are invented for the simulator (UNVERIFIED, see docs/simulated-tenant.md).
 */
export type AddUserFailureCode =
  | 'environmentNotFound'
  | 'instanceNotEnabled'
  | 'instanceNotFound'
  | 'userNotFoundInAAD'
  | 'userDeletedInAAD'
  | 'userDisabledInAAD'
  | 'userNotEnvironmentCreator'
  | 'userNotPartOfSecurityGroup'
  | 'userNotLicensed';

export type AddUserDecision =
  | { ok: true; accessMode: 0 | 1; isLicensed: boolean; licence: LicenceBasis; securityGroup: SecurityGroupOutcome; steps: string[] }
  | { ok: false; code: AddUserFailureCode; description: string; steps: string[] };

/**
 * The checks of the user sync pipeline, in the order its `information` steps report them (§1.3):
 * instance exists → enabled → has a Dataverse URL → user found → enabled → environment-type rule
 * (Developer: creator only, UNVERIFIED for on-demand adds, knob `developerCreatorOnly`) →
 * security group → licence. `steps` lists the checks that passed, as the real service does.
 */
export function evaluateAddUser(facts: AddUserFacts, userObjectId: string, options: EligibilityOptions): AddUserDecision {
  const steps = ['SyncMode: Default'];
  const fail = (code: AddUserFailureCode, description: string): AddUserDecision => ({ ok: false, code, description, steps });
  const env = facts.environment;
  if (!env) return fail('environmentNotFound', 'The environment could not be found.');
  steps.push(`Instance ${env.id} exists`);
  if (env.runtimeState === 'Disabled' || (env.runtimeState === 'AdminMode' && options.adminModeBlocksAddUser)) {
    return fail('instanceNotEnabled', `Instance ${env.id} is in ${env.runtimeState} state`);
  }
  steps.push(`Instance ${env.id} in enabled state`);
  if (!env.instanceUrl) return fail('instanceNotFound', `Instance Url not found for instance ${env.id}: the environment has no Dataverse database`);
  steps.push(`Instance Url found ${env.instanceUrl.replace(/\/$/, '')}`);
  const user = facts.user;
  if (!user) return fail('userNotFoundInAAD', `User ${userObjectId} not found in AD tenant`);
  if (user.deleted) return fail('userDeletedInAAD', `User ${user.id} is deleted in AD tenant`);
  steps.push('User found in AD tenant');
  if (!user.accountEnabled) return fail('userDisabledInAAD', `User ${user.id} is disabled in AD tenant`);
  steps.push('User in enabled state in AD tenant');
  if (options.developerCreatorOnly && env.sku === 'Developer' && env.createdByUserId && env.createdByUserId.toLowerCase() !== user.id.toLowerCase()) {
    return fail('userNotEnvironmentCreator', `User ${user.id} is not the creator of developer instance ${env.id}`);
  }
  const securityGroup = evaluateSecurityGroup(user, env, options);
  if (securityGroup === 'notMember') {
    return fail('userNotPartOfSecurityGroup', `User ${user.id} is not part of security group ${env.securityGroupId}`);
  }
  const licence = evaluateLicence(user, env, options);
  if (!licence.ok) return fail('userNotLicensed', `User ${user.id} does not have a valid license for instance ${env.id}`);
  return { ok: true, accessMode: licence.accessMode, isLicensed: licence.isLicensed, licence: licence.basis, securityGroup, steps };
}
