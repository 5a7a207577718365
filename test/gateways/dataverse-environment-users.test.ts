import { CONTOSO, startHarness, type Harness } from './helpers/sim-gateways';

describe('DataverseGateway.listEnvironmentUsers against the simulated Contoso UAT', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('lists every row with the roles that reach it directly and through teams, in one users page and one teams page', async () => {
    const instanceUrl = (await h.gateways.powerPlatform.getEnvironment(CONTOSO.environments.uat))?.dataverse?.instanceUrl ?? '';
    const requestsBefore = h.events.length;
    const users = await h.gateways.dataverse.listEnvironmentUsers(instanceUrl);
    expect(h.events.slice(requestsBefore).filter((e) => e.surface === 'dataverse').map((e) => e.operation).sort()).toEqual(['systemusers', 'teams']);
    const byName = new Map(users.map((u) => [u.fullName, u]));
    expect(byName.get("Siobhan O'Brien")).toMatchObject({ isDisabled: false, accessMode: 'Read-Write', directRoles: 1 });
    expect(byName.get("Siobhan O'Brien")?.teamRoles).toBeGreaterThan(0);
    // Zoë holds no role herself: Finance Approvers (an owner team) gives her one
    expect(byName.get('Zoë Müller')).toMatchObject({ directRoles: 0, teamRoles: 1 });
    expect(byName.get('Chris Doyle')).toMatchObject({ isDisabled: true });
    expect(byName.get('# Payroll Connector')).toMatchObject({ applicationId: 'd2536bba-5e35-4be7-a496-32236aa728e8', directRoles: 0, teamRoles: 0 });
    expect(users).toHaveLength(13);
  });
});
