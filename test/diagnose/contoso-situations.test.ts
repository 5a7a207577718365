import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { runDiagnosis, type DiagnoseOutcome } from '../../src/features/diagnose/run-diagnosis';
import type { CheckId, CheckStatus, Diagnosis, Verdict } from '../../src/domain/access/diagnosis';

/**
 * The Contoso demo tenant (src/sim/tenants/contoso.json) through the real gateways and the simulator:
 * one row per person and situation, each citing the rule it exercises.
 */
interface Row {
  who: string;
  env: string;
  situation: string;
  rule: string;
  verdict: Verdict;
  statuses?: Partial<Record<CheckId, CheckStatus>>;
  says?: Partial<Record<CheckId, string>>;
}

const rows: Row[] = [
  { who: 'avery.brooks@contoso.com', env: 'UAT', situation: 'licensed direct member, not provisioned, role due through a group team', rule: 'seed 000 JIT + group team shows no members; §3.5', verdict: 'will-get-in-once-synced', statuses: { 'security-role': 'info', 'dataverse-user': 'info' }, says: { 'security-role': 'Financial Coordinator Team' } },
  { who: 'Avery Brooks', env: 'Contoso Production', situation: 'provisioned, role in place', rule: '§6 criteria 1-4', verdict: 'can-access', says: { 'security-role': 'Finance Coordinator' } },
  { who: 'Morgan Lee', env: 'UAT', situation: 'Dynamics 365 Sales licence', rule: '§5.2 dynamics class', verdict: 'will-get-in-once-synced', statuses: { license: 'pass' }, says: { license: 'Dynamics 365 Sales' } },
  { who: 'Lucas Martin', env: 'UAT', situation: 'Business Basic only (no Dataverse plan)', rule: 'seed 000 (2 of 5 lack a Power Apps licence); §5.2', verdict: 'blocked', statuses: { license: 'fail' }, says: { license: 'Business Basic' } },
  { who: 'Emma Schultz', env: 'UAT', situation: 'E1 with its Dataverse plan turned off', rule: '§4.6 disabledPlans', verdict: 'blocked', statuses: { license: 'fail' }, says: { license: 'turned off' } },
  { who: 'jane.doe@contoso.com', env: 'UAT', situation: 'licensed but not in the security group', rule: '§1.4 rule 3', verdict: 'blocked', statuses: { 'security-group': 'fail' }, says: { 'security-group': 'not a member of UAT Access' } },
  { who: 'Jane Doe', env: 'UAT Finance', situation: 'in the group, not provisioned, no role due', rule: '§1.4; §6 criterion 4', verdict: 'will-get-in-once-synced', statuses: { 'security-role': 'warn' } },
  { who: 'Jane Doe', env: 'Contoso (default)', situation: 'Default environment, provisioned', rule: '§1.4 Default has no security group', verdict: 'can-access', says: { 'security-group': "can't have a security group" } },
  { who: 'Ingrid Olsen', env: 'UAT', situation: 'unlicensed Global Administrator outside the group, Administrative mode', rule: '§1.4 rule 2.1 + 3; §4.7', verdict: 'at-risk', statuses: { license: 'warn', 'security-group': 'pass', 'dataverse-user': 'warn' }, says: { 'security-group': 'exempt' } },
  { who: 'Ingrid Olsen', env: 'UAT Finance', situation: 'Global Administrator not yet provisioned', rule: '§1.4 rule 2.1', verdict: 'will-get-in-once-synced', statuses: { license: 'warn' }, says: { license: 'Administrative access mode' } },
  { who: 'Omar Farouk', env: 'UAT', situation: 'unlicensed Power Platform Administrator outside the group', rule: '§1.4 rule 3 exemption', verdict: 'will-get-in-once-synced', statuses: { 'security-group': 'pass', license: 'warn' }, says: { license: 'Power Platform Administrator' } },
  { who: 'Diego Ramos', env: 'UAT', situation: 'Dynamics 365 Administrator outside the group', rule: '§1.4 rule 3 (D365 admins not exempt)', verdict: 'blocked', statuses: { 'security-group': 'fail' }, says: { 'security-group': 'Dynamics 365 administrators are not exempt' } },
  { who: 'Fatima Khan', env: 'UAT', situation: 'guest licensed only at home', rule: '§1.4 guests need a licence from this tenant', verdict: 'blocked', statuses: { 'entra-account': 'pass', license: 'fail' }, says: { license: 'Guests need a licence from this tenant' } },
  { who: 'Priya Patel', env: 'UAT', situation: 'member only through a nested group', rule: '§1.4 nested groups ignored', verdict: 'blocked', statuses: { 'security-group': 'fail' }, says: { 'security-group': 'nested group' } },
  { who: 'Tom Becker', env: 'UAT', situation: 'sign-in blocked in Entra', rule: '§1.4 rule 1', verdict: 'blocked', statuses: { 'entra-account': 'fail' } },
  { who: 'Hannah Weber', env: 'UAT', situation: 'only Microsoft 365 E3, role due through an Office-group team', rule: '§1.4 rule 2.5 on demand; §3.4 membershiptype', verdict: 'will-get-in-once-synced', statuses: { license: 'warn', 'security-role': 'info' }, says: { 'security-role': 'Finance Department Team' } },
  { who: 'Ravi Iyer', env: 'UAT', situation: 'owner of the security group, not a member', rule: '§1.4 rule 3 owners on demand', verdict: 'will-get-in-once-synced', statuses: { 'security-group': 'warn' }, says: { 'security-group': 'owns UAT Access' } },
  { who: "Siobhan O'Brien", env: 'UAT', situation: 'provisioned with a direct role (apostrophe in the name)', rule: '§6; §4.4 escaping', verdict: 'can-access', says: { 'security-role': 'Basic User (direct)' } },
  { who: 'Zoë Müller', env: 'UAT', situation: 'role only through an owner team (non-ASCII name)', rule: '§3.3 teammembership_association; §6 criterion 4', verdict: 'can-access', says: { 'security-role': 'Finance Approver (team Finance Approvers)' } },
  { who: "siobhan o'brien", env: 'Contoso Production', situation: 'provisioned with no role at all', rule: '§6 criterion 4; seed 002', verdict: 'blocked', statuses: { 'security-role': 'fail' } },
  { who: 'Chris Doyle', env: 'UAT', situation: 'disabled in Dataverse, entitled again', rule: '§1.2 addUser re-enables; §3.2 disabledreason', verdict: 'will-get-in-once-synced', statuses: { 'dataverse-user': 'warn' }, says: { 'dataverse-user': 'not a member of the environment security group' } },
  { who: 'Wei Zhang', env: 'UAT', situation: 'Read access mode', rule: '§3.2 accessmode', verdict: 'at-risk', statuses: { 'dataverse-user': 'warn' }, says: { 'dataverse-user': 'Read' } },
  { who: 'Integration Service', env: 'UAT', situation: 'non-interactive account without a licence', rule: '§1.4 rule 2.4', verdict: 'at-risk', statuses: { license: 'pass', 'dataverse-user': 'warn' } },
  { who: 'Paula Silva', env: 'UAT', situation: 'only a trial/viral plan in a Sandbox', rule: '§5.2 trial UNVERIFIED outside Trial', verdict: 'will-get-in-once-synced', statuses: { license: 'warn' } },
  { who: 'Kenji Sato', env: 'UAT', situation: 'per-app licence', rule: '§5.2 perApp', verdict: 'will-get-in-once-synced', statuses: { license: 'pass' }, says: { license: 'per-app' } },
  { who: 'Lucas Martin', env: 'Field Inspections', situation: 'unlicensed, environment with app passes', rule: '§1.4 rule 2.2; §2.2 addons', verdict: 'will-get-in-once-synced', statuses: { license: 'warn' }, says: { license: 'app pass' } },
  { who: 'Hannah Weber', env: 'Finance Team', situation: 'Dataverse for Teams environment', rule: '§1.4 Teams: added on first access', verdict: 'will-get-in-once-synced', statuses: { environment: 'info', license: 'pass' } },
  { who: 'Jane Doe', env: 'Marketing Sites', situation: 'environment without Dataverse', rule: '§1.4 no Dataverse', verdict: 'blocked', statuses: { environment: 'fail' } },
  { who: 'Jane Doe', env: 'Staging (maintenance)', situation: 'environment in administration mode', rule: '§2.2 AdminMode: no sign-in, but a sync still adds (UNVERIFIED)', verdict: 'blocked', statuses: { environment: 'fail', 'dataverse-user': 'info' }, says: { environment: 'A sync can still add Jane' } },
  { who: 'Jane Doe', env: 'Alex Kim (dev)', situation: "someone else's Developer environment", rule: '§1.4 Developer: only the creator; §2.2 createdBy', verdict: 'blocked', statuses: { environment: 'fail' }, says: { environment: 'only its creator, Alex Kim' } },
  { who: 'Emma Schultz', env: 'Field Inspections', situation: 'only a Teams-only plan left, environment with app passes', rule: '§1.4 rule 2.2; §5.2 teamsOnly', verdict: 'will-get-in-once-synced', statuses: { license: 'warn' }, says: { license: '25 app pass' } },
  { who: 'Paula Silva', env: 'Contoso Trial', situation: 'trial plan in a Trial environment', rule: '§1.4 Trial on demand', verdict: 'will-get-in-once-synced', statuses: { license: 'pass', environment: 'info' } },
  { who: 'Alex Kim', env: 'Alex Kim (dev)', situation: 'creator of a Developer environment', rule: '§1.4 Developer', verdict: 'can-access', statuses: { environment: 'info' } },
  { who: 'Jane Doe', env: 'Finance Reporting', situation: "the bot can't read this environment's Dataverse", rule: '§3.1 403 0x80072560', verdict: 'at-risk', statuses: { 'dataverse-user': 'warn' } },
];

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(async () => bot.close());

function expectDiagnosis(outcome: DiagnoseOutcome): Diagnosis {
  if (outcome.kind !== 'diagnosis') throw new Error(`expected a diagnosis, got ${outcome.kind}`);
  return outcome.diagnosis;
}

describe('diagnosis against the simulated Contoso tenant', () => {
  it('covers at least 25 distinct situations', () => {
    expect(new Set(rows.map((r) => r.situation)).size).toBeGreaterThanOrEqual(25);
  });

  it.each(rows)('$who in $env: $situation ($rule) → $verdict', async (row) => {
    const d = expectDiagnosis(await runDiagnosis(bot.deps, { user: row.who, environment: row.env, everywhere: false }));
    const byId = Object.fromEntries(d.checks.map((c) => [c.id, c]));
    expect({ verdict: d.verdict, checks: d.checks.map((c) => `${c.id}:${c.status}`) }).toMatchObject({ verdict: row.verdict });
    for (const [id, status] of Object.entries(row.statuses ?? {})) expect(`${id}:${byId[id]?.status}`).toBe(`${id}:${status}`);
    for (const [id, words] of Object.entries(row.says ?? {})) expect(byId[id]?.detail).toContain(words);
  });
});
