import { randomUUID } from 'node:crypto';
import { createDataverseGateway } from '../../src/gateways/dataverse/dataverse-gateway';
import { createHttpClient } from '../../src/gateways/http/http-client';
import { realClock, type SimClock } from '../../src/sim/clock';
import { ManualClock } from '../sim/helpers';
import { CONTOSO, startHarness, type Harness } from './helpers/sim-gateways';

describe('DataverseGateway against the simulated Contoso tenant', () => {
  let h: Harness;
  let uat: string;
  /** While set, Dataverse answers wait in their latency until the test releases them (to see how many are in flight at once). */
  let holding: ManualClock | null = null;
  const clock: SimClock = { ...realClock, delay: (ms) => (holding ? holding.delay(ms) : realClock.delay(ms)) };
  beforeAll(async () => {
    h = await startHarness({ clock, config: { dataverse: { latencyMs: 5 } } });
    uat = h.sim.urls.dataverse('contosouat');
  });
  afterAll(() => h.close());

  const dataverseRequests = (): number => h.sim.stats().requests.dataverse;
  const uatFixture = () => h.sim.state().environmentsById.get(CONTOSO.environments.uat)!.dataverse!;

  const teamsOf = (systemUserId: string) => uatFixture().teams.filter((t) => t.memberIds.includes(systemUserId));

  it('when a provisioned user in no team is looked up, then one request returns the row with its direct roles', async () => {
    const fixtureUser = uatFixture().systemUsers.find((u) => u.azureObjectId && u.roleIds.length > 0 && teamsOf(u.systemUserId).length === 0)!;
    const before = dataverseRequests();

    const user = await h.gateways.dataverse.findSystemUser(uat, fixtureUser.azureObjectId!);

    expect(dataverseRequests() - before).toBe(1);
    expect(user?.teams).toEqual([]);
    expect(user).toMatchObject({ systemUserId: fixtureUser.systemUserId, fullName: fixtureUser.fullName, isDisabled: fixtureUser.isDisabled, isLicensed: fixtureUser.isLicensed });
    expect(user?.directRoles.map((r) => r.roleId).sort()).toEqual([...fixtureUser.roleIds].sort());
    const roleNames = new Map(uatFixture().roles.map((r) => [r.id, r.name]));
    expect(user?.directRoles.every((r) => r.name === roleNames.get(r.roleId))).toBe(true);
  });

  it('when a user belongs to teams, then two requests (no nested $expand under N:N, §3.3) bring each team with its type, group and roles', async () => {
    const team = uatFixture().teams.find((t) => t.memberIds.length > 0 && t.roleIds.length > 0);
    if (!team) throw new Error('fixture: no UAT team with members and roles');
    const member = uatFixture().systemUsers.find((u) => u.systemUserId === team.memberIds[0])!;
    const before = dataverseRequests();

    const user = await h.gateways.dataverse.findSystemUser(uat, member.azureObjectId!);

    expect(dataverseRequests() - before).toBe(2);
    expect(user?.teams.map((t) => t.teamId).sort()).toEqual(teamsOf(member.systemUserId).map((t) => t.id).sort());

    const found = user?.teams.find((t) => t.teamId === team.id);
    expect(found).toMatchObject({ name: team.name, teamType: ['owner', 'access', 'securityGroup', 'officeGroup'][team.teamType], membershipType: team.membershipType ?? 0 });
    expect(found?.roles.map((r) => r.roleId).sort()).toEqual([...team.roleIds].sort());
  });

  it("when every expanded collection carries Dataverse's same-rows <property>@odata.nextLink, then it is not followed and nothing is counted twice", async () => {
    const team = uatFixture().teams.find((t) => t.memberIds.length > 0 && t.roleIds.length > 0)!;
    const member = uatFixture().systemUsers.find((u) => u.systemUserId === team.memberIds[0])!;
    const before = dataverseRequests();

    const user = await h.gateways.dataverse.findSystemUser(uat, member.azureObjectId!);
    const teams = await h.gateways.dataverse.listGroupTeams(uat);

    expect(dataverseRequests() - before).toBe(3);
    const ids = (list: { roleId: string }[] | { teamId: string }[]) => list.map((x) => ('roleId' in x ? x.roleId : x.teamId));
    expect(new Set(ids(user!.directRoles)).size).toBe(user!.directRoles.length);
    expect(ids(user!.teams)).toHaveLength(teamsOf(member.systemUserId).length);
    for (const t of [...user!.teams, ...teams]) expect(new Set(ids(t.roles)).size).toBe(t.roles.length);
  });

  it('when the user is not provisioned, then null; a malformed id is refused before any request', async () => {
    await expect(h.gateways.dataverse.findSystemUser(uat, randomUUID())).resolves.toBeNull();
    const before = dataverseRequests();
    await expect(h.gateways.dataverse.findSystemUser(uat, '00000000-0000-0000-0000-000000000000 or true')).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(h.gateways.dataverse.findSystemUsers(uat, [CONTOSO.users.jane, "' or 1 eq 1"])).rejects.toMatchObject({ code: 'input.invalid' });
    expect(dataverseRequests()).toBe(before);
  });

  it('when 1,000 ids are looked up, then at most 20 requests, at most 10 at a time, return exactly the provisioned users', async () => {
    const provisioned = uatFixture().systemUsers.filter((u) => u.azureObjectId).map((u) => u.azureObjectId!.toLowerCase());
    const ids = [...provisioned, ...Array.from({ length: 1000 - provisioned.length }, () => randomUUID())];
    const before = dataverseRequests();
    const held = new ManualClock();
    holding = held;

    const lookup = h.gateways.dataverse.findSystemUsers(uat, ids);
    // the first ten are sent without waiting for an answer (a serial gateway never gets here: the test times out)
    await held.waitsBegun(10);
    expect(h.sim.stats().inFlight.dataverse).toBe(10);
    holding = null;
    held.releaseAll();
    const users = await lookup;

    expect(dataverseRequests() - before).toBeLessThanOrEqual(20);
    expect(h.sim.stats().peakConcurrency.dataverse).toBeLessThanOrEqual(10);
    expect(users.map((u) => u.azureObjectId.toLowerCase()).sort()).toEqual([...provisioned].sort());
    expect(users.every((u) => u.directRoles.length === 0 && u.teams.length === 0)).toBe(true);
  });

  it('when group teams are listed, then only Entra group teams come back, with group ids and roles', async () => {
    const expected = uatFixture().teams.filter((t) => t.teamType === 2 || t.teamType === 3);

    const teams = await h.gateways.dataverse.listGroupTeams(uat);

    expect(teams.map((t) => t.teamId).sort()).toEqual(expected.map((t) => t.id).sort());
    for (const team of expected) {
      const found = teams.find((t) => t.teamId === team.id);
      expect(found?.groupId?.toLowerCase()).toBe(team.groupId?.toLowerCase());
      expect(found?.roles.map((r) => r.roleId).sort()).toEqual([...team.roleIds].sort());
    }
  });

  it('when Dataverse pages results (small odata.maxpagesize), then @odata.nextLink is followed to the end', async () => {
    const small = createDataverseGateway({ http: createHttpClient({ surface: 'dataverse', tokenProvider: h.tokens }), pageSize: 2 });
    const provisioned = uatFixture().systemUsers.flatMap((u) => (u.azureObjectId ? [u.azureObjectId.toLowerCase()] : []));
    const groupTeams = uatFixture().teams.filter((t) => t.teamType >= 2).length;
    const before = dataverseRequests();

    const users = await small.findSystemUsers(uat, provisioned);
    const teams = await small.listGroupTeams(uat);

    expect(users.map((u) => u.azureObjectId.toLowerCase()).sort()).toEqual([...provisioned].sort());
    expect(teams).toHaveLength(groupTeams);
    expect(dataverseRequests() - before).toBe(Math.ceil(provisioned.length / 2) + Math.ceil(groupTeams / 2));
  });

  it('when the app has no application user in the environment, then dataverse.forbidden names the environment', async () => {
    const stranger = h.gatewaysFor(CONTOSO.reportingApp);
    const error = await stranger.dataverse.findSystemUser(uat, CONTOSO.users.jane).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'dataverse.forbidden' });
    expect((error as { userMessage: string }).userMessage).toContain('has no application user in');
    expect((error as { userMessage: string }).userMessage).toContain('contosouat');
  });
});
