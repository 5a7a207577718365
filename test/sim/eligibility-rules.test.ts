import { evaluateAddUser, type AddUserFacts, type EligibilityOptions, type EnvironmentFacts, type UserFacts } from '../../src/sim/eligibility';
import type { PlanClass } from '../../src/sim/eligibility';

const USER_ID = '11111111-1111-4111-8111-111111111111';
const GROUP_ID = '22222222-2222-4222-8222-222222222222';
const ENV_ID = '33333333-3333-4333-8333-333333333333';

const defaults: EligibilityOptions = { nestedGroupMembershipCounts: false, trialPlansCountInProduction: true, adminModeBlocksAddUser: false, developerCreatorOnly: true };

function env(overrides: Partial<EnvironmentFacts> = {}): EnvironmentFacts {
  return { id: ENV_ID, sku: 'Sandbox', runtimeState: 'Enabled', instanceUrl: 'http://sim/dataverse/org/', securityGroupId: GROUP_ID, appPassCapacity: 0, createdByUserId: null, ...overrides };
}

function licence(classes: PlanClass[], capabilityStatus: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut' = 'Enabled') {
  return { skuPartNumber: 'SKU', capabilityStatus, enabledPlanClasses: classes };
}

function user(overrides: Partial<UserFacts> = {}): UserFacts {
  return {
    id: USER_ID, accountEnabled: true, deleted: false, userType: 'Member', isGlobalAdmin: false, isPowerPlatformAdmin: false, isDynamics365Admin: false,
    directMemberOfSecurityGroup: true, nestedMemberOfSecurityGroup: false, ownerOfSecurityGroup: false, nonInteractiveInEnvironment: false, licences: [licence(['premium'])], ...overrides,
  };
}

type Expected = { ok: true; accessMode: 0 | 1; isLicensed: boolean } | { ok: false; code: string };

interface Case {
  rule: string;
  facts: AddUserFacts;
  options?: Partial<EligibilityOptions>;
  expected: Expected;
}

const cases: Case[] = [
  { rule: '§1.4 baseline: licensed direct member of the group is added Read-Write', facts: { environment: env(), user: user() }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.3: unknown environment', facts: { environment: null, user: user() }, expected: { ok: false, code: 'environmentNotFound' } },
  { rule: 'state: a disabled environment refuses adds (invented code)', facts: { environment: env({ runtimeState: 'Disabled' }), user: user() }, expected: { ok: false, code: 'instanceNotEnabled' } },
  { rule: 'state: administration mode does not block provisioning by default (UNVERIFIED)', facts: { environment: env({ runtimeState: 'AdminMode' }), user: user() }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: 'state: administration mode blocks when the knob says so', facts: { environment: env({ runtimeState: 'AdminMode' }), user: user() }, options: { adminModeBlocksAddUser: true }, expected: { ok: false, code: 'instanceNotEnabled' } },
  { rule: '§1.4 env types: no Dataverse database → no SystemUser at all', facts: { environment: env({ instanceUrl: null }), user: user() }, expected: { ok: false, code: 'instanceNotFound' } },
  { rule: '§1.4 rule 1: user must exist in Entra', facts: { environment: env(), user: null }, expected: { ok: false, code: 'userNotFoundInAAD' } },
  { rule: '§1.4 rule 1: soft-deleted users are refused', facts: { environment: env(), user: user({ deleted: true }) }, expected: { ok: false, code: 'userDeletedInAAD' } },
  { rule: '§1.4 rule 1: user must be enabled in Entra', facts: { environment: env(), user: user({ accountEnabled: false }) }, expected: { ok: false, code: 'userDisabledInAAD' } },
  { rule: '§1.4 rule 1 before rule 3: a disabled non-member fails as disabled', facts: { environment: env(), user: user({ accountEnabled: false, directMemberOfSecurityGroup: false }) }, expected: { ok: false, code: 'userDisabledInAAD' } },
  { rule: '§1.4 rule 3: not in the security group', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false }) }, expected: { ok: false, code: 'userNotPartOfSecurityGroup' } },
  { rule: '§1.4 rule 3 before rule 2: unlicensed non-member fails on the group', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false, licences: [] }) }, expected: { ok: false, code: 'userNotPartOfSecurityGroup' } },
  { rule: '§1.4 rule 3: no group on the environment → membership irrelevant', facts: { environment: env({ securityGroupId: null }), user: user({ directMemberOfSecurityGroup: false }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 3: owner of the group counts on an on-demand add', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false, ownerOfSecurityGroup: true }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 3: Global admin is exempt from the group', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false, isGlobalAdmin: true }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 3: Power Platform admin is exempt from the group', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false, isPowerPlatformAdmin: true }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 3: Dynamics 365 admin is NOT exempt from the group', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false, isDynamics365Admin: true }) }, expected: { ok: false, code: 'userNotPartOfSecurityGroup' } },
  { rule: '§1.4 SG details: nested-only membership does not count by default', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false, nestedMemberOfSecurityGroup: true }) }, expected: { ok: false, code: 'userNotPartOfSecurityGroup' } },
  { rule: '§1.4 SG details: nested membership counts when the knob says so', facts: { environment: env(), user: user({ directMemberOfSecurityGroup: false, nestedMemberOfSecurityGroup: true }) }, options: { nestedGroupMembershipCounts: true }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 2: no licence', facts: { environment: env(), user: user({ licences: [] }) }, expected: { ok: false, code: 'userNotLicensed' } },
  { rule: '§5.2: a suite without a Dataverse plan (Business Basic) is no licence', facts: { environment: env(), user: user({ licences: [licence([])] }) }, expected: { ok: false, code: 'userNotLicensed' } },
  { rule: '§4.6: a suspended SKU does not count', facts: { environment: env(), user: user({ licences: [licence(['premium'], 'Suspended')] }) }, expected: { ok: false, code: 'userNotLicensed' } },
  { rule: '§4.6: a SKU in grace (Warning) still counts (UNVERIFIED)', facts: { environment: env(), user: user({ licences: [licence(['premium'], 'Warning')] }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§5.2: per-app plan counts', facts: { environment: env(), user: user({ licences: [licence(['perApp'])] }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 2.5: free Microsoft 365 Dataverse plan is honoured on demand', facts: { environment: env(), user: user({ licences: [licence(['m365Dataverse'])] }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§5.2: Dataverse-for-Teams plan does not count outside Teams environments', facts: { environment: env(), user: user({ licences: [licence(['teamsOnly'])] }) }, expected: { ok: false, code: 'userNotLicensed' } },
  { rule: '§5.2: Dataverse-for-Teams plan counts in a Teams environment', facts: { environment: env({ sku: 'Teams' }), user: user({ licences: [licence(['teamsOnly'])] }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§5.2 trial: viral plan counts in Production by default', facts: { environment: env({ sku: 'Production' }), user: user({ licences: [licence(['trial'])] }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§5.2 trial: viral plan refused in Production when the knob is off', facts: { environment: env({ sku: 'Production' }), user: user({ licences: [licence(['trial'])] }) }, options: { trialPlansCountInProduction: false }, expected: { ok: false, code: 'userNotLicensed' } },
  { rule: '§5.2 trial: developer plan still counts in a Sandbox when the knob is off', facts: { environment: env(), user: user({ licences: [licence(['developer'])] }) }, options: { trialPlansCountInProduction: false }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 2.1: unlicensed Global admin is added with Administrative access', facts: { environment: env(), user: user({ isGlobalAdmin: true, licences: [] }) }, expected: { ok: true, accessMode: 1, isLicensed: false } },
  { rule: '§1.4 rule 2.1: unlicensed Dynamics 365 admin in the group gets Administrative access', facts: { environment: env(), user: user({ isDynamics365Admin: true, licences: [] }) }, expected: { ok: true, accessMode: 1, isLicensed: false } },
  { rule: '§1.4 rule 2.1: a licensed admin stays Read-Write', facts: { environment: env(), user: user({ isPowerPlatformAdmin: true }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 2.2: app-pass capacity replaces the licence on demand', facts: { environment: env({ appPassCapacity: 5 }), user: user({ licences: [] }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 rule 2.2 + note: admins stay Administrative even with app passes', facts: { environment: env({ appPassCapacity: 5 }), user: user({ isGlobalAdmin: true, licences: [] }) }, expected: { ok: true, accessMode: 1, isLicensed: false } },
  { rule: '§1.4 rule 2.2: app passes do not bypass the security group', facts: { environment: env({ appPassCapacity: 5 }), user: user({ licences: [], directMemberOfSecurityGroup: false }) }, expected: { ok: false, code: 'userNotPartOfSecurityGroup' } },
  { rule: '§1.4 rule 2.4: a Non-interactive user needs no licence', facts: { environment: env(), user: user({ licences: [], nonInteractiveInEnvironment: true }) }, expected: { ok: true, accessMode: 0, isLicensed: false } },
  { rule: '§1.4 rule 2.4: Non-interactive users still need the security group (doc: SG rules still apply)', facts: { environment: env(), user: user({ licences: [], nonInteractiveInEnvironment: true, directMemberOfSecurityGroup: false }) }, expected: { ok: false, code: 'userNotPartOfSecurityGroup' } },
  { rule: '§1.4 guest note: a guest with no licence in this tenant is refused', facts: { environment: env(), user: user({ userType: 'Guest', licences: [] }) }, expected: { ok: false, code: 'userNotLicensed' } },
  { rule: '§1.4 guest note: a guest licensed in this tenant is added', facts: { environment: env(), user: user({ userType: 'Guest' }) }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 env types: Developer environment accepts its creator', facts: { environment: env({ sku: 'Developer', securityGroupId: null, createdByUserId: USER_ID }), user: user() }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.4 env types: Developer environment refuses anyone else (invented code)', facts: { environment: env({ sku: 'Developer', securityGroupId: null, createdByUserId: GROUP_ID }), user: user() }, expected: { ok: false, code: 'userNotEnvironmentCreator' } },
  { rule: '§1.4 env types (UNVERIFIED for on demand): with developerCreatorOnly off, anyone may be added to a Developer environment', facts: { environment: env({ sku: 'Developer', securityGroupId: null, createdByUserId: GROUP_ID }), user: user() }, options: { developerCreatorOnly: false }, expected: { ok: true, accessMode: 0, isLicensed: true } },
  { rule: '§1.3 order: a disabled account is refused as such in someone else\'s Developer environment (account before creator)', facts: { environment: env({ sku: 'Developer', securityGroupId: null, createdByUserId: GROUP_ID }), user: user({ accountEnabled: false }) }, expected: { ok: false, code: 'userDisabledInAAD' } },
  { rule: '§1.4 env types: Trial environment adds on demand', facts: { environment: env({ sku: 'Trial', securityGroupId: null }), user: user() }, expected: { ok: true, accessMode: 0, isLicensed: true } },
];

describe('addUser eligibility rules (pure)', () => {
  it.each(cases)('$rule', ({ facts, options, expected }) => {
    const decision = evaluateAddUser(facts, USER_ID, { ...defaults, ...options });
    if (expected.ok) {
      expect(decision).toMatchObject({ ok: true, accessMode: expected.accessMode, isLicensed: expected.isLicensed });
    } else {
      expect(decision).toMatchObject({ ok: false, code: expected.code });
    }
  });

  it('when the group check fails, then the steps list every check that passed before it (§1.3)', () => {
    const decision = evaluateAddUser({ environment: env(), user: user({ directMemberOfSecurityGroup: false }) }, USER_ID, defaults);
    expect(decision.steps).toEqual([
      'SyncMode: Default',
      `Instance ${ENV_ID} exists`,
      `Instance ${ENV_ID} in enabled state`,
      'Instance Url found http://sim/dataverse/org',
      'User found in AD tenant',
      'User in enabled state in AD tenant',
    ]);
    expect(decision).toMatchObject({ description: `User ${USER_ID} is not part of security group ${GROUP_ID}` });
  });

  it('when the user is unknown, then the steps stop after the instance checks', () => {
    const decision = evaluateAddUser({ environment: env(), user: null }, USER_ID, defaults);
    expect(decision.steps).not.toContain('User found in AD tenant');
    expect(decision.steps).toContain('Instance Url found http://sim/dataverse/org');
  });
});
