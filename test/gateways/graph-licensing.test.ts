import { readFileSync } from 'node:fs';
import { GraphWriteError } from '../../src/gateways/graph/write-errors';
import { CONTOSO_FIXTURE_PATH } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import { CONTOSO, startHarness, type Harness } from './helpers/sim-gateways';

const PREMIUM = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';
const PER_APP = 'b4d7b828-e8dc-4518-91f9-e123ae48440d';
const LICENSING_GROUP = '465cd8f8-8d5d-46a7-b309-8de22975267a';
const LUCAS = '89bd5d8e-5389-48a6-8fdf-d1813b0d3de6';
const NO_WRITES = { clientId: '5c0ffee0-0000-4000-8000-000000000002', clientSecret: 'read-only' };

describe('GraphGateway licences and removal against the simulated Contoso tenant (§12)', () => {
  let h: Harness;
  beforeAll(async () => {
    const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
    fixture.generators = [];
    const reads = ['User.Read.All', 'GroupMember.Read.All', 'LicenseAssignment.Read.All'];
    fixture.apps.push({ ...NO_WRITES, displayName: 'Read-only bot', managementApp: true, graphPermissions: reads });
    h = await startHarness({ fixture });
  });
  afterAll(() => h.close());

  it('reads a user\'s usage location and assignment states, the SKUs\' units and the groups that assign a SKU', async () => {
    const zoe = await h.gateways.graph.getUserLicensing(CONTOSO.users.zoe);
    expect(zoe).toEqual({ userId: CONTOSO.users.zoe, usageLocation: 'US', assignedLicenses: [{ skuId: PREMIUM, disabledPlans: [] }], assignments: [{ skuId: PREMIUM, assignedByGroup: LICENSING_GROUP, disabledPlans: [], state: 'Active', error: null }] });
    expect((await h.gateways.graph.getUserLicensing(CONTOSO.users.fatima))?.usageLocation).toBeNull();
    const groups = await h.gateways.graph.findLicensingGroups(PREMIUM);
    expect(groups.map((g) => [g.displayName, g.assignedLicenses])).toEqual([['Power Apps Premium Licensing', [{ skuId: PREMIUM, disabledPlans: [] }]]]);
    const perApp = (await h.gateways.graph.listSubscribedSkus()).find((s) => s.skuId === PER_APP);
    expect(perApp?.units).toEqual({ enabled: 1, consumed: 1 });
  });

  it('assigns a licence, and Graph\'s refusal comes back as GraphWriteError with its code and message', async () => {
    await h.gateways.graph.assignLicence(LUCAS, [{ skuId: PREMIUM, disabledPlans: [] }], []);
    expect((await h.gateways.graph.getUser(LUCAS))?.assignedLicenses).toContainEqual({ skuId: PREMIUM, disabledPlans: [] });
    const refused = h.gateways.graph.assignLicence(CONTOSO.users.fatima, [{ skuId: PREMIUM, disabledPlans: [] }], []);
    await expect(refused).rejects.toBeInstanceOf(GraphWriteError);
    await expect(refused).rejects.toMatchObject({ refusal: { status: 400, code: 'Request_BadRequest', message: 'License assignment cannot be done for user with invalid usage location.' } });
  });

  it('removes a group member (204), says when the person was not a member (404), and names the missing permission on 403', async () => {
    expect(await h.gateways.graph.removeGroupMember(CONTOSO.groups.uatAccess, CONTOSO.users.zoe)).toBe('removed');
    expect(h.sim.state().groupsById.get(CONTOSO.groups.uatAccess)?.members).not.toContain(CONTOSO.users.zoe);
    expect(await h.gateways.graph.removeGroupMember(CONTOSO.groups.uatAccess, CONTOSO.users.zoe)).toBe('not-a-member');
    const readOnly = h.gatewaysFor(NO_WRITES).graph;
    await expect(readOnly.removeGroupMember(CONTOSO.groups.uatAccess, CONTOSO.users.jane)).rejects.toMatchObject({ code: 'graph.failed', userMessage: expect.stringContaining('lacks the application permission GroupMember.ReadWrite.All') });
    await expect(readOnly.assignLicence(LUCAS, [{ skuId: PREMIUM, disabledPlans: [] }], [])).rejects.toMatchObject({ userMessage: expect.stringContaining('LicenseAssignment.ReadWrite.All') });
  });
});
