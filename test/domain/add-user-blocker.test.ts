import { assessAccess } from '../../src/domain/access/evaluate';
import type { CheckId } from '../../src/domain/access/diagnosis';
import type { AccessFacts } from '../../src/domain/access/facts';
import { environment, facts, NOT_IN_GROUP, SKU, systemUser, user } from './access-fixtures';

/**
 * What a sync (BAP addUser) would do, as the sync preview shows it: the refusal addUser reports
 * first, in addUser's own order (microsoft-apis.md §1.3 information steps, §8.2), or none.
 */
interface Case {
  situation: string;
  rule: string;
  facts: AccessFacts;
  blocker: CheckId | null;
  says?: string[];
}

const E1_TEAMS_ONLY = [{ skuId: SKU.m365e3.skuId, disabledPlans: ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14'] }];
const admin = (role: 'global' | 'powerPlatform' | 'dynamics365') => ({ global: false, powerPlatform: false, dynamics365: false, [role]: true });
const CREATOR = { id: '99999999-9999-4999-8999-999999999999', displayName: 'Alex Kim' };
const devEnv = (overrides = {}) =>
  environment({ displayName: 'Alex Kim (dev)', sku: 'Developer', createdBy: CREATOR, dataverse: { instanceUrl: 'https://orgdev.crm.dynamics.com/', domainName: 'orgdev', securityGroupId: null }, ...overrides });

const cases: Case[] = [
  { situation: 'licensed direct member', rule: '§1.4', facts: facts({ systemUser: null }), blocker: null },
  { situation: 'Teams-only plan left, but Global Administrator', rule: '§1.4 rule 2.1: admins need no licence', facts: facts({ user: user({ assignedLicenses: E1_TEAMS_ONLY }), adminRoles: admin('global'), systemUser: null }), blocker: null },
  { situation: 'Teams-only plan left, environment with app passes', rule: '§1.4 rule 2.2 app passes on demand', facts: facts({ user: user({ assignedLicenses: E1_TEAMS_ONLY }), environment: environment({ appPassCapacity: 25 }), systemUser: null }), blocker: null },
  { situation: 'Teams-only plan left, guest, no app passes', rule: '§5.2 teamsOnly; §1.4 guests', facts: facts({ user: user({ userType: 'Guest', assignedLicenses: E1_TEAMS_ONLY }), systemUser: null }), blocker: 'license', says: ['Dataverse for Teams environments only'] },
  { situation: 'trial plan in a Production environment with app passes', rule: '§5.2 trial (UNVERIFIED) counts; §1.4 rule 2.2', facts: facts({ user: user({ assignedLicenses: [{ skuId: SKU.trial.skuId, disabledPlans: [] }] }), environment: environment({ sku: 'Production', appPassCapacity: 3 }), systemUser: null }), blocker: null },
  { situation: 'neither licence nor group: the group is named first, as addUser does', rule: '§8.2 order: group before licence', facts: facts({ user: user({ assignedLicenses: [] }), securityGroup: NOT_IN_GROUP, systemUser: null }), blocker: 'security-group' },
  { situation: 'sign-in blocked and not in the group: the account first', rule: '§1.3 steps: user enabled before group', facts: facts({ user: user({ accountEnabled: false }), securityGroup: NOT_IN_GROUP, systemUser: null }), blocker: 'entra-account' },
  { situation: 'no Dataverse and sign-in blocked: the environment first', rule: '§1.3 steps: instance URL before user', facts: facts({ user: user({ accountEnabled: false }), environment: environment({ dataverse: null }), securityGroup: null, systemUser: null }), blocker: 'environment', says: ['no Dataverse database'] },
  { situation: 'environment in administration mode: a sync still adds', rule: '§2.2 AdminMode stops sign-in (UNVERIFIED for addUser)', facts: facts({ environment: environment({ runtimeState: 'AdminMode' }), systemUser: null }), blocker: null },
  { situation: 'disabled environment', rule: '§2.2 states', facts: facts({ environment: environment({ runtimeState: 'Disabled' }), systemUser: null }), blocker: 'environment', says: ['Disabled'] },
  { situation: "someone else's Developer environment", rule: '§1.4 Developer: only the creator; §2.2 createdBy', facts: facts({ environment: devEnv(), securityGroup: null, systemUser: null }), blocker: 'environment', says: ['Developer environment', 'Alex Kim', "doesn't say"] },
  { situation: "the creator's own Developer environment", rule: '§1.4 Developer', facts: facts({ user: user({ id: CREATOR.id }), environment: devEnv(), securityGroup: null, systemUser: null }), blocker: null },
  { situation: "disabled account in someone else's Developer environment: the account first", rule: '§1.3 order: user checks before the environment type', facts: facts({ user: user({ accountEnabled: false }), environment: devEnv(), securityGroup: null, systemUser: null }), blocker: 'entra-account' },
  { situation: 'Developer environment whose creator is unknown', rule: '§2.2 createdBy SYSTEM', facts: facts({ environment: devEnv({ createdBy: null }), securityGroup: null, systemUser: null }), blocker: null },
  { situation: 'no role at all: roles never stop a sync', rule: '§6 criterion 4 is about data, not adding', facts: facts({ systemUser: systemUser({ directRoles: [] }) }), blocker: null },
];

describe('assessAccess().addUserBlocker', () => {
  it.each(cases)('$situation ($rule) → $blocker', (c) => {
    const { addUserBlocker, diagnosis } = assessAccess(c.facts);
    expect(addUserBlocker?.id ?? null).toBe(c.blocker);
    for (const words of c.says ?? []) expect(addUserBlocker?.detail).toContain(words);
    if (addUserBlocker) expect(addUserBlocker.fix?.text).toBeTruthy();
    else expect(diagnosis.checks.find((check) => check.id === 'dataverse-user')?.fix?.action ?? 'sync-user').toBe('sync-user');
  });

  it('administration mode still blocks signing in, in the diagnosis', () => {
    const { diagnosis } = assessAccess(facts({ environment: environment({ runtimeState: 'AdminMode' }), systemUser: null }));
    const env = diagnosis.checks.find((c) => c.id === 'environment');
    expect(env?.status).toBe('fail');
    expect(env?.detail).toContain('only System Administrators and System Customizers can sign in');
    expect(env?.detail).toContain('A sync can still add Jane');
    expect(diagnosis.verdict).toBe('blocked');
  });
});
