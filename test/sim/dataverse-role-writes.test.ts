import type { RunningSimulator } from '../../src/sim/server';
import { call, dataverseToken, environment, startContoso, userId } from './bap-dataverse-client';

type Row = Record<string, unknown>;
type Collection = { value: Row[] };

/** Contract tests for the writes of microsoft-apis.md §9 (role assignment, business units) and §11 (group teams). */
describe('Dataverse writes: roles, business units and group teams (§9, §11)', () => {
  let sim: RunningSimulator;
  let token: string;
  let base: string;
  beforeEach(async () => {
    sim = await startContoso();
    token = await dataverseToken(sim, 'contosouat');
    base = `${sim.urls.dataverse('contosouat')}api/data/v9.2/`;
  });
  afterEach(() => sim.close());

  const uat = () => environment(sim, 'UAT').dataverse as NonNullable<ReturnType<typeof environment>['dataverse']>;
  const unit = (name: string) => uat().businessUnits.find((b) => b.name === name)?.id as string;
  const role = (name: string, unitName = 'contosouat') => uat().roles.find((r) => r.name === name && r.businessUnitId === unit(unitName))?.id as string;
  const systemUser = (upn: string) => uat().systemUsers.find((u) => u.domainName === upn) as NonNullable<ReturnType<typeof uat>['systemUsers'][number]>;
  const send = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}, bearer = token) => call(`${base}${path}`, bearer, init);
  const associate = (userRowId: string, roleId: string) => send(`systemusers(${userRowId})/systemuserroles_association/$ref`, { method: 'POST', body: { '@odata.id': `${base}roles(${roleId})` } });

  it('§9.1: POST …/systemuserroles_association/$ref answers 204 and the role shows in the user\'s roles; DELETE with $id removes it', async () => {
    const siobhan = systemUser('siobhan.obrien@contoso.com');
    const added = await associate(siobhan.systemUserId, role('Finance Clerk'));
    expect(added.status).toBe(204);
    expect(added.body).toBeUndefined();
    const roles = (await send(`systemusers(${siobhan.systemUserId})/systemuserroles_association?$select=name`)).body as Collection;
    expect(roles.value.map((r) => r.name).sort()).toEqual(['Basic User', 'Finance Clerk']);

    const removed = await send(`systemusers(${siobhan.systemUserId})/systemuserroles_association/$ref?$id=${base}roles(${role('Finance Clerk')})`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(siobhan.roleIds).toEqual([role('Basic User')]);
    // the key form removes too, and a pair that is not there answers 204 as well (UNVERIFIED, documented)
    expect((await send(`systemusers(${siobhan.systemUserId})/systemuserroles_association(${role('Basic User')})/$ref`, { method: 'DELETE' })).status).toBe(204);
    expect((await send(`systemusers(${siobhan.systemUserId})/systemuserroles_association(${role('Basic User')})/$ref`, { method: 'DELETE' })).status).toBe(204);
    expect(siobhan.roleIds).toEqual([]);
  });

  it('§9.2: a role of another business unit is refused with 0x80041409 unless record ownership across business units is on', async () => {
    const siobhan = systemUser('siobhan.obrien@contoso.com');
    const financeCopy = role('Finance Clerk', 'Finance');
    const refused = await associate(siobhan.systemUserId, financeCopy);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: '0x80041409',
        message: `Cannot associate security role because the security role's Business Unit is not the same as the user's Business Unit. Details: userid=${siobhan.systemUserId}, userBU=${unit('contosouat')}, roleId=${financeCopy}, roleBU=${unit('Finance')}`,
      },
    });
    expect(siobhan.roleIds).not.toContain(financeCopy);
    uat().settings = { enableOwnershipAcrossBusinessUnits: true };
    expect((await associate(siobhan.systemUserId, financeCopy)).status).toBe(204);
  });

  it('§9.2: a team gets 0x8004140d for another unit\'s role and an access team 0x80048331; a team role is added with 204', async () => {
    const teams = uat().teams;
    const groupTeam = teams.find((t) => t.name === 'Financial Coordinator Team') as (typeof teams)[number];
    const accessTeam = teams.find((t) => t.teamType === 1) as (typeof teams)[number];
    const toTeam = (teamId: string, roleId: string) => send(`teams(${teamId})/teamroles_association/$ref`, { method: 'POST', body: { '@odata.id': `${base}roles(${roleId})` } });
    expect(((await toTeam(groupTeam.id, role('Finance Clerk', 'Finance'))).body as { error: { code: string } }).error.code).toBe('0x8004140d');
    expect((await toTeam(accessTeam.id, role('Basic User'))).body).toEqual({ error: { code: '0x80048331', message: `Cannot assign roles or profiles to an access team (TeamId = ${accessTeam.id}).` } });
    expect((await toTeam(groupTeam.id, role('Finance Clerk'))).status).toBe(204);
    expect(groupTeam.roleIds).toContain(role('Finance Clerk'));
  });

  it('§9.1: re-associating a held role answers 204 by default and 400 0x80040237 with the duplicate setting (UNVERIFIED)', async () => {
    const siobhan = systemUser('siobhan.obrien@contoso.com');
    expect((await associate(siobhan.systemUserId, role('Basic User'))).status).toBe(204);
    expect(siobhan.roleIds).toEqual([role('Basic User')]);
    sim.setConfig({ unverified: { reassociateExistingRole: 'duplicate' } });
    expect((await associate(siobhan.systemUserId, role('Basic User'))).body).toEqual({ error: { code: '0x80040237', message: 'Cannot insert duplicate key.' } });
  });

  it('§9.4: an application user whose role lacks prvAssignRole reads but is refused the assignment with 403 0x80040220', async () => {
    const finToken = await dataverseToken(sim, 'contosouatfin');
    const finBase = `${sim.urls.dataverse('contosouatfin')}api/data/v9.2/`;
    const fin = environment(sim, 'UAT Finance').dataverse;
    const avery = fin?.systemUsers.find((u) => u.domainName === 'avery.brooks@contoso.com');
    const maker = fin?.roles.find((r) => r.name === 'Environment Maker');
    expect((await call(`${finBase}roles?$select=name`, finToken)).status).toBe(200);
    const refused = await call(`${finBase}systemusers(${avery?.systemUserId})/systemuserroles_association/$ref`, finToken, { method: 'POST', body: { '@odata.id': `${finBase}roles(${maker?.id})` } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: '0x80040220', message: expect.stringMatching(/^Principal user \(Id=[0-9a-f-]{36}, type=8, roleCount=1, privilegeCount=5, accessMode=4\), is missing prvAssignRole privilege \(Id=[0-9a-f-]{36}\) on OTC=1036 for entity 'role'\.$/) } });
    expect(avery?.roleIds).toHaveLength(1);
  });

  it('§11: POST teams creates the group team (204 + OData-EntityId), empty until members sign in; a second one for the same group and membership type is refused', async () => {
    const group = sim.state().fixture.groups.find((g) => g.displayName === 'Finance Interns');
    const create = (membershiptype: number) => send('teams', {
      method: 'POST',
      body: { azureactivedirectoryobjectid: group?.id, membershiptype, 'businessunitid@odata.bind': `/businessunits(${unit('contosouat')})` },
    });
    const created = await create(1);
    expect(created.status).toBe(204);
    const location = created.headers.get('odata-entityid') ?? '';
    expect(location).toMatch(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}teams\\([0-9a-f-]{36}\\)$`));
    const team = (await call(location, token)).body as Row;
    expect(team).toMatchObject({ name: 'Finance Interns', teamtype: 2, membershiptype: 1, azureactivedirectoryobjectid: group?.id, _businessunitid_value: unit('contosouat') });
    expect((await call(`${location}/teammembership_association`, token)).body).toMatchObject({ value: [] });

    expect((await create(1)).body).toEqual({ error: { code: '0x80040237', message: 'Operation failed due to a SQL integrity violation.' } });
    expect((await create(0)).status).toBe(204);
    const unknownGroup = await send('teams', { method: 'POST', body: { azureactivedirectoryobjectid: '99999999-9999-4999-8999-999999999999', membershiptype: 0 } });
    expect(unknownGroup.body).toMatchObject({ error: { code: '0x80041d68' } });
    const m365 = sim.state().fixture.groups.find((g) => g.kind === 'm365' && g.displayName === 'Finance Team');
    const office = await send('teams', { method: 'POST', body: { azureactivedirectoryobjectid: m365?.id, membershiptype: 0 }, headers: { prefer: 'return=representation' } });
    expect(office.status).toBe(201);
    expect(office.body).toMatchObject({ name: 'Finance Team', teamtype: 3, membershiptype: 0 });
  });

  it('§9.3: PATCH businessunitid@odata.bind moves the user and removes its roles; the org setting reads back from orgdborgsettings', async () => {
    const wei = systemUser('wei.zhang@contoso.com');
    const organization = (await send('organizations?$select=orgdborgsettings')).body as Collection;
    expect(organization.value).toEqual([{ organizationid: expect.any(String), orgdborgsettings: '<OrgSettings></OrgSettings>' }]);
    const moved = await send(`systemusers(${wei.systemUserId})`, { method: 'PATCH', body: { 'businessunitid@odata.bind': `/businessunits(${unit('Finance')})` } });
    expect(moved.status).toBe(204);
    expect(wei).toMatchObject({ businessUnitId: unit('Finance'), roleIds: [] });
    // the team-held role (Finance Department Team) is untouched; the default team follows the unit
    const teams = (await send(`systemusers(${wei.systemUserId})/teammembership_association?$select=name`)).body as Collection;
    expect(teams.value.map((t) => t.name).sort()).toEqual(['Finance', 'Finance Department Team', 'Quarter Close Access Team']);
  });

  it('§9.3: with DoNotRemoveRolesOnChangeBusinessUnit the roles become the new unit\'s copies (UNVERIFIED), and a user of another unit takes that unit\'s copy', async () => {
    uat().settings = { doNotRemoveRolesOnChangeBusinessUnit: true };
    expect(((await send('organizations?$select=orgdborgsettings')).body as Collection).value[0]?.orgdborgsettings).toBe('<OrgSettings><DoNotRemoveRolesOnChangeBusinessUnit>true</DoNotRemoveRolesOnChangeBusinessUnit></OrgSettings>');
    const wei = systemUser('wei.zhang@contoso.com');
    await send(`systemusers(${wei.systemUserId})`, { method: 'PATCH', body: { 'businessunitid@odata.bind': `/businessunits(${unit('Finance')})` } });
    expect(wei.roleIds).toEqual([role('Auditor', 'Finance')]);
    expect((await associate(wei.systemUserId, role('Finance Clerk'))).status).toBe(400);
    expect((await associate(wei.systemUserId, role('Finance Clerk', 'Finance'))).status).toBe(204);
  });

  it('§9.3: only the business unit may be patched, and an unknown unit is 404', async () => {
    const wei = systemUser('wei.zhang@contoso.com');
    expect((await send(`systemusers(${wei.systemUserId})`, { method: 'PATCH', body: { fullname: 'W' } })).status).toBe(400);
    expect((await send(`systemusers(${wei.systemUserId})`, { method: 'PATCH', body: { 'businessunitid@odata.bind': '/businessunits(99999999-9999-4999-8999-999999999999)' } })).body)
      .toEqual({ error: { code: '0x80040217', message: "Entity 'businessunit' With Id = 99999999-9999-4999-8999-999999999999 Does Not Exist" } });
    expect(userId(sim, 'wei.zhang@contoso.com')).toBe(wei.azureObjectId);
  });
});
