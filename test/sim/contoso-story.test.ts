import type { RunningSimulator } from '../../src/sim/server';
import { addUserUrl, bapToken, call, environment, innerSyncResult, startContoso, systemUserOf, userId } from './bap-dataverse-client';
import { ManualClock } from './helpers';

/** The table in docs/simulated-tenant.md: person → expected addUser result per environment. */
type Outcome = 'ok' | 'userNotPartOfSecurityGroup' | 'userNotLicensed' | 'userDisabledInAAD' | 'userDeletedInAAD' | 'userNotEnvironmentCreator' | 'instanceNotFound';

const UAT: [upn: string, outcome: Outcome, why: string][] = [
  ['avery.brooks@contoso.com', 'ok', 'Financial Coordinator, Power Apps Premium, direct member of UAT Access'],
  ['morgan.lee@contoso.com', 'ok', 'Financial Coordinator, Dynamics 365 Sales Enterprise'],
  ['samir.haddad@contoso.com', 'ok', 'Financial Coordinator, Power Apps Premium + Microsoft 365 E3'],
  ['lucas.martin@contoso.com', 'userNotLicensed', 'Financial Coordinator, Microsoft 365 Business Basic has no Dataverse plan'],
  ['emma.schultz@contoso.com', 'userNotLicensed', 'Financial Coordinator, Office 365 E1 with DYN365_CDS_O365_P1 disabled'],
  ['jane.doe@contoso.com', 'userNotPartOfSecurityGroup', 'licensed but not in UAT Access'],
  ['ingrid.olsen@contoso.com', 'ok', 'unlicensed Global admin: exempt from the group, Administrative access'],
  ['omar.farouk@contoso.com', 'ok', 'unlicensed Power Platform admin: exempt from the group, Administrative access'],
  ['diego.ramos@contoso.com', 'userNotPartOfSecurityGroup', 'Dynamics 365 admin outside the group (not exempt)'],
  ['fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'userNotLicensed', 'guest licensed only in her home tenant'],
  ['priya.patel@contoso.com', 'userNotPartOfSecurityGroup', 'member of Finance Interns, nested in UAT Access only'],
  ['tom.becker@contoso.com', 'userDisabledInAAD', 'account disabled in Entra'],
  ['hannah.weber@contoso.com', 'ok', 'Microsoft 365 E3 only: free Dataverse plan honoured on demand'],
  ['ravi.iyer@contoso.com', 'ok', 'owner (not member) of UAT Access: on-demand owner rule'],
  ["siobhan.obrien@contoso.com", 'ok', 'already provisioned (UserExists)'],
  ['zoe.muller@contoso.com', 'ok', 'non-ASCII name, already provisioned'],
  ['jose.nunez@contoso.com', 'ok', 'non-ASCII name, not yet provisioned'],
  ['alex.kim@contoso.com', 'userNotPartOfSecurityGroup', 'one of the Alexes, not in UAT Access'],
  ['alex.johnson@contoso.com', 'ok', 'one of the Alexes, in UAT Access'],
  ['alexandra.novak@contoso.com', 'userNotPartOfSecurityGroup', 'one of the Alexes, only in UAT Finance Access'],
  ['ben.carter@contoso.com', 'userDeletedInAAD', 'soft-deleted in Entra'],
  ['chris.doyle@contoso.com', 'ok', 'disabled Dataverse row, now entitled: re-enabled'],
  ['wei.zhang@contoso.com', 'ok', 'existing Read access-mode row'],
  ['svc-integration@contoso.com', 'ok', 'existing Non-interactive row needs no licence'],
  ['paula.silva@contoso.com', 'ok', 'Power Automate Free (viral plan) counts outside Production'],
  ['kenji.sato@contoso.com', 'ok', 'Power Apps per app licence'],
  ['noah.fischer@contoso.com', 'ok', 'Power Apps Premium with DYN365_CDS_P2 off: its app-level plan still counts (§5.2 UNVERIFIED)'],
  ['grace.liu@contoso.com', 'userDeletedInAAD', 'deleted 45 days ago (purged from Graph)'],
  ['nadia.rahman@contoso.com', 'userNotPartOfSecurityGroup', 'bot admin persona, not in UAT Access'],
  ['liam.chen@contoso.com', 'userNotPartOfSecurityGroup', 'bot helpdesk persona, not in UAT Access'],
];

const ELSEWHERE: [environment: string, upn: string, outcome: Outcome, why: string][] = [
  ['Finance Team', 'hannah.weber@contoso.com', 'ok', 'Teams environment: Dataverse-for-Teams plan of E3 counts'],
  ['Finance Team', 'lucas.martin@contoso.com', 'userNotLicensed', 'Teams environment: Business Basic has no Dataverse plan'],
  ['Finance Team', 'jane.doe@contoso.com', 'userNotPartOfSecurityGroup', "Teams environment: not in the team's group"],
  ['Field Inspections', 'lucas.martin@contoso.com', 'ok', 'app-pass environment: no licence needed on demand'],
  ['Alex Kim (dev)', 'alex.johnson@contoso.com', 'userNotEnvironmentCreator', 'Developer environment: only its creator'],
  ['Alex Kim (dev)', 'alex.kim@contoso.com', 'ok', 'Developer environment: its creator'],
  ['Contoso Trial', 'lucas.martin@contoso.com', 'userNotLicensed', 'Trial: on demand, still needs a licence'],
  ['Contoso Trial', 'jose.nunez@contoso.com', 'ok', 'Trial: on demand with a licence'],
  ['Marketing Sites', 'jane.doe@contoso.com', 'instanceNotFound', 'no Dataverse database'],
  ['Contoso (default)', 'hannah.weber@contoso.com', 'ok', 'Default environment has no security group'],
  ['Contoso Production', 'jane.doe@contoso.com', 'ok', 'Production: in Dataverse Production Users'],
  ['UAT Finance', 'jane.doe@contoso.com', 'ok', 'UAT Finance: in UAT Finance Access'],
];

describe('Contoso demo tenant story (over HTTP)', () => {
  let sim: RunningSimulator;
  let token: string;
  /** Provisioning (scheduled work) runs when the test says so. */
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock();
    sim = await startContoso({ clock });
    token = await bapToken(sim);
  });
  afterAll(() => sim.close());

  async function outcome(envName: string, upn: string): Promise<Outcome> {
    const reply = await call(addUserUrl(sim, environment(sim, envName).id), token, { method: 'POST', body: { ObjectId: userId(sim, upn) } });
    if (reply.status === 200) return 'ok';
    return innerSyncResult(reply.body).errors[0]?.Code as Outcome;
  }

  it('seed 000: force-syncing the 5 direct Financial Coordinators into UAT gives 3 successes and 2 userNotLicensed', async () => {
    const group = sim.state().fixture.groups.find((g) => g.displayName === 'Financial Coordinators');
    const members = group?.members.filter((id) => sim.state().usersById.has(id.toLowerCase())) ?? [];
    expect(members).toHaveLength(5);
    const results: string[] = [];
    for (const member of members) {
      const user = sim.state().usersById.get(member.toLowerCase());
      results.push(`${user?.displayName}: ${await outcome('UAT', user?.userPrincipalName ?? '')}`);
    }
    expect(results).toEqual(['Avery Brooks: ok', 'Morgan Lee: ok', 'Samir Haddad: ok', 'Lucas Martin: userNotLicensed', 'Emma Schultz: userNotLicensed']);
    const team = () => environment(sim, 'UAT').dataverse?.teams.find((t) => t.name === 'Financial Coordinator Team');
    clock.runScheduled();
    expect(team()?.memberIds).toHaveLength(3);
  });

  it.each(UAT)('UAT: %s → %s (%s)', async (upn, expected) => {
    expect(await outcome('UAT', upn)).toBe(expected);
  });

  it.each(ELSEWHERE)('%s: %s → %s (%s)', async (envName, upn, expected) => {
    expect(await outcome(envName, upn)).toBe(expected);
  });

  it('the unlicensed admins end up with Administrative access mode, the re-synced Read user keeps Read', async () => {
    const omar = userId(sim, 'omar.farouk@contoso.com');
    clock.runScheduled();
    expect(systemUserOf(sim, 'UAT', omar)[0]).toMatchObject({ accessMode: 1, isLicensed: false });
    expect(systemUserOf(sim, 'UAT', userId(sim, 'wei.zhang@contoso.com'))[0]?.accessMode).toBe(2);
  });

  it('nested membership passes when the nestedGroupMembershipCounts knob is on', async () => {
    sim.setConfig({ unverified: { nestedGroupMembershipCounts: true } });
    try {
      expect(await outcome('UAT', 'priya.patel@contoso.com')).toBe('ok');
    } finally {
      sim.setConfig({ unverified: { nestedGroupMembershipCounts: false } });
    }
  });

  it('the Sales group has 2,500 generated members and every Dataverse environment but Finance Reporting has the demo application user', () => {
    const sales = sim.state().fixture.groups.find((g) => g.displayName === 'Sales');
    expect(sales?.members).toHaveLength(2500);
    const withoutAppUser = sim
      .state()
      .fixture.environments.filter((e) => e.dataverse && !e.dataverse.systemUsers.some((row) => row.applicationId === sim.demoClient.clientId))
      .map((e) => e.displayName);
    expect(withoutAppUser).toEqual(['Finance Reporting']);
  });

  it('"UAT" resolves to exactly one environment by exact name although "UAT Finance" shares the prefix', () => {
    const names = sim.state().fixture.environments.map((e) => e.displayName);
    expect(names.filter((n) => n === 'UAT')).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('UAT'))).toEqual(['UAT', 'UAT Finance']);
  });
});
