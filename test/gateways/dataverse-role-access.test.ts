import { DataverseWriteError } from '../../src/gateways/dataverse/write-errors';
import { CONTOSO, startHarness, type Harness } from './helpers/sim-gateways';

describe('DataverseGateway roles, business units and group teams against the simulated tenant (§9–§11)', () => {
  let h: Harness;
  let uat: string;
  beforeEach(async () => {
    h = await startHarness();
    uat = h.sim.urls.dataverse('contosouat');
  });
  afterEach(() => h.close());

  const uatFixture = () => h.sim.state().environmentsById.get(CONTOSO.environments.uat)!.dataverse!;
  const unit = (name: string) => uatFixture().businessUnits.find((b) => b.name === name)!.id;
  const rowOf = (objectId: string) => uatFixture().systemUsers.find((u) => u.azureObjectId === objectId)!;
  const requests = () => h.sim.stats().requests.dataverse;

  it('when roles are listed with holders, then one request gives every business unit\'s copy with its root role, description and direct holders', async () => {
    const before = requests();
    const roles = await h.gateways.dataverse.listRoles(uat, { withHolders: true });
    expect(requests() - before).toBe(1);
    const clerks = roles.filter((r) => r.name === 'Finance Clerk');
    expect(clerks).toHaveLength(2);
    const root = clerks.find((r) => r.businessUnitId === unit('contosouat'))!;
    expect(clerks.map((r) => r.rootRoleId)).toEqual([root.roleId, root.roleId]);
    expect(root.description).toBe('Enters invoices and expense claims for the finance team.');
    const basic = roles.find((r) => r.name === 'Basic User' && r.businessUnitId === unit('contosouat'))!;
    expect(basic.userIds).toContain(rowOf(CONTOSO.users.siobhan).systemUserId.toLowerCase());
    expect(basic.teamIds).toHaveLength(1);
  });

  it('when a role is assigned, removed and the user moved, then each write is one request and Dataverse reflects it', async () => {
    const siobhan = rowOf(CONTOSO.users.siobhan);
    const clerk = uatFixture().roles.find((r) => r.name === 'Finance Clerk' && !r.parentRootRoleId)!;
    const before = requests();
    await h.gateways.dataverse.assignRole(uat, siobhan.systemUserId, clerk.id);
    expect(siobhan.roleIds).toContain(clerk.id);
    await h.gateways.dataverse.removeRole(uat, siobhan.systemUserId, clerk.id);
    expect(siobhan.roleIds).not.toContain(clerk.id);
    await h.gateways.dataverse.changeBusinessUnit(uat, siobhan.systemUserId, unit('Finance'));
    expect(requests() - before).toBe(3);
    expect(siobhan).toMatchObject({ businessUnitId: unit('Finance'), roleIds: [] });
    expect(await h.gateways.dataverse.readOrganizationSettings(uat)).toEqual({ doNotRemoveRolesOnChangeBusinessUnit: null });
    expect((await h.gateways.dataverse.findSystemUser(uat, CONTOSO.users.siobhan))?.businessUnitId).toBe(unit('Finance'));
  });

  it('when Dataverse refuses a role of another business unit, then the write error carries 0x80041409', async () => {
    const siobhan = rowOf(CONTOSO.users.siobhan);
    const financeCopy = uatFixture().roles.find((r) => r.name === 'Finance Clerk' && r.parentRootRoleId)!;
    const error = await h.gateways.dataverse.assignRole(uat, siobhan.systemUserId, financeCopy.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseWriteError);
    expect((error as DataverseWriteError).refusal).toMatchObject({ status: 400, code: '0x80041409', privilege: null });
  });

  it('when the application user lacks prvAssignRole, then the error names the privilege in plain words', async () => {
    const fin = h.sim.urls.dataverse('contosouatfin');
    const finDv = h.sim.state().environmentsByOrg.get('contosouatfin')!.dataverse!;
    const avery = finDv.systemUsers.find((u) => u.domainName === 'avery.brooks@contoso.com')!;
    const error = (await h.gateways.dataverse.assignRole(fin, avery.systemUserId, finDv.roles[0]!.id).catch((e: unknown) => e)) as DataverseWriteError;
    expect(error.refusal).toMatchObject({ status: 403, code: '0x80040220', privilege: 'prvAssignRole' });
    expect(error.code).toBe('dataverse.forbidden');
    expect(error.userMessage).toContain('lacks the privilege to assign security roles (prvAssignRole)');
  });

  it('when a group team is created, then its id comes back and a role can be given to it', async () => {
    const me = await h.gateways.dataverse.whoAmI(uat);
    const teamId = await h.gateways.dataverse.createGroupTeam(uat, {
      name: 'Finance Interns', groupId: '1c13e198-87a7-4c2f-a804-12c7a5d19f23', teamType: 'securityGroup', membershipType: 1, businessUnitId: unit('contosouat'), administratorId: me.userId,
    });
    const clerk = uatFixture().roles.find((r) => r.name === 'Finance Clerk' && !r.parentRootRoleId)!;
    await h.gateways.dataverse.assignTeamRole(uat, teamId, clerk.id);
    const teams = await h.gateways.dataverse.listGroupTeams(uat);
    expect(teams.find((t) => t.teamId === teamId)).toMatchObject({ name: 'Finance Interns', teamType: 'securityGroup', membershipType: 1, roles: [{ roleId: clerk.id, name: 'Finance Clerk' }] });
  });

  it('when 2,500 operations run in a batch, then they go in ceil(2,500 / 1,000) = 3 requests, each answered in order with its own outcome', async () => {
    const siobhan = rowOf(CONTOSO.users.siobhan);
    const zoe = rowOf(CONTOSO.users.zoe);
    const clerk = uatFixture().roles.find((r) => r.name === 'Finance Clerk' && !r.parentRootRoleId)!;
    const financeCopy = uatFixture().roles.find((r) => r.name === 'Finance Clerk' && r.parentRootRoleId)!;
    const operations = Array.from({ length: 2500 }, (_, i) => ({ kind: 'assign-role' as const, systemUserId: i % 2 === 0 ? siobhan.systemUserId : zoe.systemUserId, roleId: i === 7 ? financeCopy.id : clerk.id }));
    const before = requests();
    const outcomes = await h.gateways.dataverse.runBatch(uat, operations);
    expect(requests() - before).toBe(3);
    expect(outcomes).toHaveLength(2500);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, refusal: expect.objectContaining({ status: 400, code: '0x80041409' }) }]);
    expect(outcomes[7]?.ok).toBe(false);
    expect(zoe.roleIds).toEqual([clerk.id]);
  });
});
