export { evaluateAddUser, type AddUserDecision, type AddUserFailureCode } from './add-user-rules';
export { evaluateLicence, type LicenceBasis, type LicenceOutcome } from './licence-rule';
export { evaluateSecurityGroup, type SecurityGroupOutcome } from './security-group-rule';
export { classifyPlan, type PlanClass } from './service-plans';
export { gatherAddUserFacts, environmentFacts, instanceUrlOf, sameId } from './gather-facts';
export type { AddUserFacts, EligibilityOptions, EnvironmentFacts, LicenceFacts, UserFacts } from './facts';
