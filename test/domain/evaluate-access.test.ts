import { evaluateAccess } from '../../src/domain/access/evaluate';
import type { CheckId, CheckStatus, Verdict } from '../../src/domain/access/diagnosis';
import type { AccessFacts } from '../../src/domain/access/facts';
import { BASIC_USER, environment, facts, FC_GROUP, FC_TEAM, NOT_IN_GROUP, SG_ID, SKU, SYSADMIN, systemUser, user } from './access-fixtures';

interface Case {
  situation: string;
  rule: string;
  facts: AccessFacts;
  verdict: Verdict;
  statuses?: Partial<Record<CheckId, CheckStatus>>;
  /** Words the helpdesk must read in the detail of a check. */
  says?: Partial<Record<CheckId, string[]>>;
  fixAction?: Partial<Record<CheckId, 'sync-user' | 'add-to-security-group'>>;
}

const premiumWithout = (planIds: string[]) => [{ skuId: SKU.premium.skuId, disabledPlans: planIds }];
const admin = (role: 'global' | 'powerPlatform' | 'dynamics365') => ({ global: false, powerPlatform: false, dynamics365: false, [role]: true });

const cases: Case[] = [
  { situation: 'licensed direct member with a direct role', rule: 'seed 000 three prerequisites; §1.4', facts: facts(), verdict: 'can-access', statuses: { 'entra-account': 'pass', license: 'pass', 'security-group': 'pass', 'dataverse-user': 'pass', 'security-role': 'pass', environment: 'pass' }, says: { license: ['Power Apps Premium', 'DYN365_CDS_P2'], 'security-role': ['Basic User (direct)'] } },
  { situation: 'sign-in blocked in Entra', rule: '§1.4 rule 1', facts: facts({ user: user({ accountEnabled: false }) }), verdict: 'blocked', statuses: { 'entra-account': 'fail' }, says: { 'entra-account': ['sign-in blocked'] } },
  { situation: 'no account (deleted)', rule: '§1.4 rule 1', facts: facts({ user: null, systemUser: null, securityGroup: null }), verdict: 'blocked', statuses: { 'entra-account': 'fail' } },
  { situation: 'no licence at all', rule: '§1.4 rule 2; seed 000 (2 of 5 lack a Power Apps licence)', facts: facts({ user: user({ assignedLicenses: [] }), systemUser: null }), verdict: 'blocked', statuses: { license: 'fail' }, says: { license: ['no licences'] } },
  { situation: 'only Business Basic (Power Apps for Office 365, no Dataverse plan)', rule: '§5.2 Business Basic has no DYN365_CDS plan', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.basic.skuId, disabledPlans: [] }] }), systemUser: null }), verdict: 'blocked', statuses: { license: 'fail' }, says: { license: ['Microsoft 365 Business Basic', 'no usable Dataverse plan'] } },
  { situation: 'Power Apps Premium with its Dataverse plan turned off', rule: '§4.6 disabledPlans; §5.2', facts: facts({ user: user({ assignedLicenses: premiumWithout(['6ea4c1ef-c259-46df-bce2-943342cd3cb2']) }), systemUser: null }), verdict: 'blocked', statuses: { license: 'fail' }, says: { license: ['DYN365_CDS_P2', 'turned off'] } },
  { situation: 'SKU suspended', rule: '§4.6 capabilityStatus usable (UNVERIFIED)', facts: facts({ skus: [{ ...SKU.premium, capabilityStatus: 'Suspended' }], systemUser: null }), verdict: 'blocked', statuses: { license: 'fail' }, says: { license: ['Suspended'] } },
  { situation: 'Dynamics 365 Sales licence', rule: '§5.2 dynamics class', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.sales.skuId, disabledPlans: [] }] }) }), verdict: 'can-access', statuses: { license: 'pass' }, says: { license: ['Dynamics 365 Sales Enterprise'] } },
  { situation: 'per-app licence', rule: '§5.2 perApp class', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.perApp.skuId, disabledPlans: [] }] }) }), verdict: 'can-access', statuses: { license: 'pass' }, says: { license: ['per-app'] } },
  { situation: 'only Microsoft 365 E3, not provisioned', rule: '§1.4 rule 2.5 free Dataverse plan on demand only; §5.1', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.m365e3.skuId, disabledPlans: [] }] }), systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { license: 'warn', 'dataverse-user': 'info' }, says: { license: ['Microsoft 365 E3', 'on demand'], 'dataverse-user': ['only on demand'] }, fixAction: { 'dataverse-user': 'sync-user' } },
  { situation: 'only Microsoft 365 E3, already provisioned', rule: '§1.4 rule 2.5; §5.1 not pre-provisioned', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.m365e3.skuId, disabledPlans: [] }] }) }), verdict: 'at-risk', statuses: { license: 'warn' } },
  { situation: 'E3 with the free Dataverse plan off: Teams-only plan left, in a Sandbox', rule: '§5.2 teamsOnly class', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.m365e3.skuId, disabledPlans: ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14'] }] }), systemUser: null }), verdict: 'blocked', statuses: { license: 'fail' }, says: { license: ['Dataverse for Teams'] } },
  { situation: 'Teams-only plan in a Dataverse for Teams environment', rule: '§5.2 teamsOnly; §1.4 Teams environments', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.m365e3.skuId, disabledPlans: ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14'] }] }), environment: environment({ displayName: 'Finance Team', sku: 'Teams', dataverse: { instanceUrl: 'https://orgteams.crm.dynamics.com/', domainName: 'orgteams', securityGroupId: null } }), securityGroup: null, systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { license: 'pass', environment: 'info' }, says: { environment: ['first access'] } },
  { situation: 'trial plan in a Production environment', rule: '§5.2 trial/viral UNVERIFIED for Production', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.trial.skuId, disabledPlans: [] }] }), environment: environment({ sku: 'Production' }) }), verdict: 'at-risk', statuses: { license: 'warn' }, says: { license: ['trial'] } },
  { situation: 'trial plan in a Trial environment, not provisioned', rule: '§1.4 Trial: on demand only', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.trial.skuId, disabledPlans: [] }] }), environment: environment({ sku: 'Trial', dataverse: { instanceUrl: 'https://orgtrial.crm.dynamics.com/', domainName: 'orgtrial', securityGroupId: null } }), securityGroup: null, systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { license: 'pass', environment: 'info' }, says: { 'dataverse-user': ['trial environments add people only on demand'] } },
  { situation: 'developer plan in a Developer environment', rule: '§5.2 developer; §1.4 Developer', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.developer.skuId, disabledPlans: [] }] }), environment: environment({ sku: 'Developer', dataverse: { instanceUrl: 'https://orgdev.crm.dynamics.com/', domainName: 'orgdev', securityGroupId: null } }), securityGroup: null }), verdict: 'can-access', statuses: { license: 'pass', environment: 'info', 'security-group': 'pass' }, says: { 'security-group': ["can't have a security group"] } },
  { situation: 'unlicensed Global Administrator outside the security group', rule: '§1.4 rule 2.1 and 3; §4.7', facts: facts({ user: user({ assignedLicenses: [] }), adminRoles: admin('global'), securityGroup: NOT_IN_GROUP, systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { license: 'warn', 'security-group': 'pass' }, says: { license: ['Global Administrator', 'Administrative access mode'], 'security-group': ['exempt'] } },
  { situation: 'unlicensed Power Platform Administrator outside the group, provisioned as Administrative', rule: '§1.4 rule 2.1 and 3', facts: facts({ user: user({ assignedLicenses: [] }), adminRoles: admin('powerPlatform'), securityGroup: NOT_IN_GROUP, systemUser: systemUser({ accessMode: 'Administrative' }) }), verdict: 'at-risk', statuses: { license: 'warn', 'security-group': 'pass', 'dataverse-user': 'warn' }, says: { 'dataverse-user': ['Administrative', 'no apps or data'] } },
  { situation: 'Dynamics 365 Administrator outside the security group', rule: '§1.4 rule 3 (D365 admins not exempt); §4.7', facts: facts({ user: user({ assignedLicenses: [] }), adminRoles: admin('dynamics365'), securityGroup: NOT_IN_GROUP, systemUser: null }), verdict: 'blocked', statuses: { license: 'warn', 'security-group': 'fail' }, says: { 'security-group': ['Dynamics 365 administrators are not exempt'] }, fixAction: { 'security-group': 'add-to-security-group' } },
  { situation: 'not a member of the security group', rule: '§1.4 rule 3; seed 000', facts: facts({ securityGroup: NOT_IN_GROUP, systemUser: null }), verdict: 'blocked', statuses: { 'security-group': 'fail' }, says: { 'security-group': ['not a member of UAT Access'] }, fixAction: { 'security-group': 'add-to-security-group' } },
  { situation: 'member only through a nested group', rule: '§1.4 nested groups not honoured (UNVERIFIED for on demand)', facts: facts({ securityGroup: { ...NOT_IN_GROUP, transitiveMember: true, viaGroups: ['Finance Interns'] }, systemUser: null }), verdict: 'blocked', statuses: { 'security-group': 'fail' }, says: { 'security-group': ['nested group', 'Finance Interns'] } },
  { situation: 'owner of the security group, not a member, not provisioned', rule: '§1.4 rule 3 owners count on demand; §1.4 not pre-provisioned', facts: facts({ securityGroup: { ...NOT_IN_GROUP, owner: true }, systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { 'security-group': 'warn' }, says: { 'security-group': ['owns UAT Access', 'on demand'], 'dataverse-user': ['group owners are only added on demand'] } },
  { situation: 'guest with licences only in the home tenant', rule: '§1.4 guests need a licence from this tenant', facts: facts({ user: user({ userType: 'Guest', assignedLicenses: [] }), systemUser: null }), verdict: 'blocked', statuses: { 'entra-account': 'pass', license: 'fail' }, says: { license: ['Guests need a licence from this tenant'] } },
  { situation: 'guest licensed in this tenant', rule: '§1.4 guests', facts: facts({ user: user({ userType: 'Guest' }) }), verdict: 'can-access', says: { 'entra-account': ['guest'] } },
  { situation: 'unlicensed member in an environment with app passes, not provisioned', rule: '§1.4 rule 2.2 app-pass capacity on demand only; §2.2 addons', facts: facts({ user: user({ assignedLicenses: [] }), environment: environment({ appPassCapacity: 5 }), systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { license: 'warn' }, says: { license: ['5 app pass'] } },
  { situation: 'everything holds, not provisioned yet (JIT)', rule: 'seed 000 JIT provisioning; §1.4', facts: facts({ systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { 'dataverse-user': 'info' }, says: { 'dataverse-user': ['just in time'] }, fixAction: { 'dataverse-user': 'sync-user' } },
  { situation: 'disabled in Dataverse, now entitled', rule: '§1.2 addUser re-enables; §3.2 disabledreason', facts: facts({ systemUser: systemUser({ isDisabled: true, disabledReason: 'User is not part of the security group' }) }), verdict: 'will-get-in-once-synced', statuses: { 'dataverse-user': 'warn' }, says: { 'dataverse-user': ['disabled', 'User is not part of the security group', 're-enables'] }, fixAction: { 'dataverse-user': 'sync-user' } },
  { situation: 'disabled in Dataverse and still not in the group', rule: '§1.4 rule 3; §3.2', facts: facts({ securityGroup: NOT_IN_GROUP, systemUser: systemUser({ isDisabled: true, disabledReason: 'Not in security group' }) }), verdict: 'blocked', statuses: { 'dataverse-user': 'fail', 'security-group': 'fail' } },
  { situation: 'provisioned with no role at all', rule: '§6 criterion 4; seed 002 security role', facts: facts({ systemUser: systemUser({ directRoles: [] }) }), verdict: 'blocked', statuses: { 'security-role': 'fail' }, says: { 'security-role': ['no security role'] } },
  { situation: 'role only through an owner team', rule: '§3.3 teammembership_association; §6 criterion 4', facts: facts({ systemUser: systemUser({ directRoles: [], teams: [{ teamId: 't-own', name: 'Finance Owners', teamType: 'owner', groupId: null, membershipType: 0, roles: [{ roleId: 'r-s', name: 'Salesperson' }] }] }) }), verdict: 'can-access', statuses: { 'security-role': 'pass' }, says: { 'security-role': ['Salesperson (team Finance Owners)'] } },
  { situation: 'group-team role before provisioning', rule: '§3.5 group teams filled at sign-in; seed 000 "no members"', facts: facts({ systemUser: null, groupTeams: [FC_TEAM], userGroupIds: [SG_ID, FC_GROUP] }), verdict: 'will-get-in-once-synced', statuses: { 'security-role': 'info' }, says: { 'security-role': ['Finance Coordinator', 'Financial Coordinator Team', 'once Jane is added'] } },
  { situation: 'group-team role after provisioning', rule: '§3.5; §6 known issue (PPAC misses group-team roles)', facts: facts({ systemUser: systemUser({ directRoles: [], teams: [FC_TEAM] }), groupTeams: [FC_TEAM], userGroupIds: [SG_ID, FC_GROUP] }), verdict: 'can-access', statuses: { 'security-role': 'pass' }, says: { 'security-role': ['Finance Coordinator (group team Financial Coordinator Team)'] } },
  { situation: 'group team of a group the person reaches only through a nested group', rule: '§3.5 silent on nesting: not counted, said as uncertain', facts: facts({ systemUser: null, groupTeams: [FC_TEAM], userGroupIds: [SG_ID], nestedGroupIds: [FC_GROUP] }), verdict: 'will-get-in-once-synced', statuses: { 'security-role': 'warn' }, says: { 'security-role': ['Not counted: Finance Coordinator (group team Financial Coordinator Team)', 'nested group', "Microsoft doesn't say"] } },
  { situation: 'Owners group team, person owns the group', rule: '§3.5 membership type Owners; §1.7 --membership-type Owners', facts: facts({ systemUser: null, groupTeams: [{ ...FC_TEAM, membershipType: 2 }], userGroupIds: [SG_ID], ownedGroupIds: [FC_GROUP] }), verdict: 'will-get-in-once-synced', statuses: { 'security-role': 'info' }, says: { 'security-role': ['Finance Coordinator (group team Financial Coordinator Team)'] } },
  { situation: 'Owners group team, person is only a member of the group', rule: '§3.5 membership type Owners', facts: facts({ systemUser: null, groupTeams: [{ ...FC_TEAM, membershipType: 2 }], userGroupIds: [SG_ID, FC_GROUP] }), verdict: 'will-get-in-once-synced', statuses: { 'security-role': 'warn' } },
  { situation: 'Teams-only plan left, but Global Administrator', rule: '§1.4 rule 2.1; §5.2 teamsOnly', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.m365e3.skuId, disabledPlans: ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14'] }] }), adminRoles: admin('global'), systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { license: 'warn' }, says: { license: ['Administrative access mode', 'Dataverse for Teams environments only'] } },
  { situation: 'Teams-only plan left, environment with app passes', rule: '§1.4 rule 2.2; §5.2 teamsOnly', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.m365e3.skuId, disabledPlans: ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14'] }] }), environment: environment({ appPassCapacity: 25 }), systemUser: null }), verdict: 'will-get-in-once-synced', statuses: { license: 'warn' }, says: { license: ['25 app pass', 'no Dataverse plan that counts in UAT'] } },
  { situation: 'group team for members only, person is a guest', rule: '§3.4 membershiptype 1 Members', facts: facts({ user: user({ userType: 'Guest' }), systemUser: systemUser({ directRoles: [] }), groupTeams: [{ ...FC_TEAM, membershipType: 1 }], userGroupIds: [FC_GROUP] }), verdict: 'blocked', statuses: { 'security-role': 'fail' } },
  { situation: 'environment without Dataverse', rule: '§1.4 no Dataverse: nobody can be added; §2.2', facts: facts({ environment: environment({ displayName: 'Marketing Sites', dataverse: null }), securityGroup: null, systemUser: null }), verdict: 'blocked', statuses: { environment: 'fail', 'security-group': 'info', 'dataverse-user': 'info', 'security-role': 'info' }, says: { environment: ['no Dataverse database'] } },
  { situation: 'environment in administration mode', rule: '§2.2 states.runtime AdminMode: sign-in blocked, adding not (UNVERIFIED)', facts: facts({ environment: environment({ runtimeState: 'AdminMode' }) }), verdict: 'blocked', statuses: { environment: 'fail' }, says: { environment: ['administration mode', 'A sync can still add Jane', "can't sign in"] } },
  { situation: "someone else's Developer environment", rule: '§1.4 Developer: only the creator; §2.2 createdBy', facts: facts({ environment: environment({ displayName: 'Alex Kim (dev)', sku: 'Developer', createdBy: { id: '99999999-9999-4999-8999-999999999999', displayName: 'Alex Kim' }, dataverse: { instanceUrl: 'https://orgdev.crm.dynamics.com/', domainName: 'orgdev', securityGroupId: null } }), securityGroup: null, systemUser: null }), verdict: 'blocked', statuses: { environment: 'fail', 'dataverse-user': 'info' }, says: { environment: ['only its creator, Alex Kim'] } },
  { situation: 'System Administrator in an environment in administration mode', rule: '§2.2 AdminMode', facts: facts({ environment: environment({ runtimeState: 'AdminMode' }), systemUser: systemUser({ directRoles: [SYSADMIN] }) }), verdict: 'at-risk', statuses: { environment: 'warn' } },
  { situation: 'Default environment without a security group', rule: '§1.4 Default cannot have a security group', facts: facts({ environment: environment({ displayName: 'Contoso (default)', sku: 'Default', isDefault: true, dataverse: { instanceUrl: 'https://orgdef.crm.dynamics.com/', domainName: 'orgdef', securityGroupId: null } }), securityGroup: null }), verdict: 'can-access', statuses: { 'security-group': 'pass', environment: 'pass' }, says: { 'security-group': ['Default environment'] } },
  { situation: 'non-interactive account without a licence', rule: '§1.4 rule 2.4 non-interactive users need no licence', facts: facts({ user: user({ assignedLicenses: [] }), systemUser: systemUser({ accessMode: 'Non-interactive' }) }), verdict: 'at-risk', statuses: { license: 'pass', 'dataverse-user': 'warn' } },
  { situation: 'Dataverse users could not be read', rule: '§3.1 403 0x80072560 for the caller', facts: facts({ systemUser: 'unknown' }), verdict: 'at-risk', statuses: { 'dataverse-user': 'warn', 'security-role': 'warn' } },
];

describe('evaluateAccess', () => {
  it('covers at least 25 distinct situations', () => {
    expect(new Set(cases.map((c) => c.situation)).size).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$situation ($rule) → $verdict', (c) => {
    const diagnosis = evaluateAccess(c.facts);
    expect(diagnosis.verdict).toBe(c.verdict);
    const byId = new Map(diagnosis.checks.map((check) => [check.id, check]));
    expect([...byId.keys()].sort()).toEqual(['dataverse-user', 'entra-account', 'environment', 'license', 'security-group', 'security-role']);
    for (const [id, status] of Object.entries(c.statuses ?? {})) expect({ id, status: byId.get(id as CheckId)?.status }).toEqual({ id, status });
    for (const [id, words] of Object.entries(c.says ?? {})) {
      for (const word of words) expect(byId.get(id as CheckId)?.detail).toContain(word);
    }
    for (const [id, action] of Object.entries(c.fixAction ?? {})) expect(byId.get(id as CheckId)?.fix?.action).toBe(action);
    if (c.verdict === 'blocked') expect(diagnosis.checks[0]?.status).toBe('fail');
    for (const check of diagnosis.checks) if (check.status === 'fail') expect(check.fix?.text).toBeTruthy();
  });

  it('lists key facts for the card: licences, group, roles (incl. pending group-team roles) and access mode', () => {
    const d = evaluateAccess(facts({ groupTeams: [FC_TEAM], userGroupIds: [FC_GROUP] }));
    expect(d.keyFacts).toEqual({
      licences: ['Power Apps Premium'],
      securityGroup: 'UAT Access',
      roles: ['Basic User (direct)', 'Finance Coordinator (group team Financial Coordinator Team, once provisioned)'],
      accessMode: 'Read-Write',
    });
    expect(d.headline).toBe('Jane can get into UAT.');
  });

  it('puts blocking checks first and names them in the headline', () => {
    const d = evaluateAccess(facts({ user: user({ assignedLicenses: [] }), securityGroup: NOT_IN_GROUP, systemUser: systemUser({ directRoles: [BASIC_USER] }) }));
    expect(d.checks.slice(0, 2).map((c) => c.id)).toEqual(['license', 'security-group']);
    expect(d.headline).toBe("Jane can't get into UAT. Blocked by: licence and security group.");
  });
});
