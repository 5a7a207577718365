import { ROLE_TEMPLATE } from '../../src/sim/model';
import type { GroupMember } from '../../src/gateways/types';
import { CONTOSO, startHarness, type Harness } from './helpers/sim-gateways';

const USER_ADMINISTRATOR_TEMPLATE = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

describe('GraphGateway against the simulated Contoso tenant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const graphRequests = (): number => h.sim.stats().requests.graph;
  const routeCount = (fragment: string): number =>
    Object.entries(h.sim.stats().routes.graph)
      .filter(([route]) => route.includes(fragment))
      .reduce((sum, [, count]) => sum + count, 0);

  describe('getUser', () => {
    it('when asked by object id or UPN, then the user comes with accountEnabled, licences and userType', async () => {
      const byId = await h.gateways.graph.getUser(CONTOSO.users.jane);
      const byUpn = await h.gateways.graph.getUser('jane.doe@contoso.com');

      expect(byId).toEqual(byUpn);
      expect(byId).toMatchObject({ displayName: 'Jane Doe', userType: 'Member', accountEnabled: true, givenName: 'Jane', surname: 'Doe' });
      expect(byId?.assignedLicenses.map((l) => l.skuId).sort()).toEqual(['05e9a617-0261-4cee-bb44-138d3ef5d965', 'b30411f5-fea1-4a59-9ad9-3db7c7ead579']);
    });

    it('when the guest UPN contains #EXT#, then the guest is found', async () => {
      const guest = await h.gateways.graph.getUser('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com');
      expect(guest).toMatchObject({ id: CONTOSO.users.fatima, userType: 'Guest' });
    });

    it('when the user does not exist, then null', async () => {
      await expect(h.gateways.graph.getUser('00000000-1111-2222-3333-444444444444')).resolves.toBeNull();
      await expect(h.gateways.graph.getUser('nobody@contoso.com')).resolves.toBeNull();
    });

    it.each(["' or 1 eq 1", '../groups', 'jane.doe@contoso.com/memberOf', '%27', '1bc176ac-113e-4105-a8d2-93516aa828e1?$select=id'])(
      'when the id is %p, then input.invalid and no request is sent',
      async (bad) => {
        const before = graphRequests();
        await expect(h.gateways.graph.getUser(bad)).rejects.toMatchObject({ code: 'input.invalid' });
        expect(graphRequests()).toBe(before);
      },
    );
  });

  describe('findUsers', () => {
    it("when the name has an apostrophe (O'Brien), then it is escaped and found in one request", async () => {
      const before = graphRequests();
      const users = await h.gateways.graph.findUsers("O'Brien", 10);
      expect(users.map((u) => u.displayName)).toEqual(["Siobhan O'Brien"]);
      expect(graphRequests() - before).toBe(1);
    });

    it('when the name is not ASCII, then it is percent-encoded and found', async () => {
      expect((await h.gateways.graph.findUsers('Zoë', 10)).map((u) => u.id)).toEqual([CONTOSO.users.zoe]);
      expect((await h.gateways.graph.findUsers('Ñúñez', 10)).map((u) => u.displayName)).toEqual(['José Ñúñez']);
      expect((await h.gateways.graph.findUsers('müller', 10)).map((u) => u.displayName)).toEqual(['Zoë Müller']);
    });

    it.each(["' or 1 eq 1", "') or startswith(displayName,'", '%27', '$filter=', 'Jane&$top=999', 'a%20or%201'])(
      'when the text is hostile (%p), then it is matched literally and finds nobody',
      async (hostile) => {
        const before = graphRequests();
        await expect(h.gateways.graph.findUsers(hostile, 10)).resolves.toEqual([]);
        expect(graphRequests() - before).toBe(1);
      },
    );

    it('when the text is an exact UPN, then that user is returned', async () => {
      const users = await h.gateways.graph.findUsers('jane.doe@contoso.com', 10);
      expect(users.map((u) => u.id)).toEqual([CONTOSO.users.jane]);
    });

    it('when a prefix matches several people, then all of them come back and the limit holds', async () => {
      const alex = await h.gateways.graph.findUsers('Alex', 10);
      expect(alex.map((u) => u.displayName).sort()).toEqual(['Alex Johnson', 'Alex Kim', 'Alexandra Novak']);

      const reps = await h.gateways.graph.findUsers('sales.rep', 7);
      expect(reps).toHaveLength(7);
    });

    it('when the text is blank, then nobody and no request', async () => {
      const before = graphRequests();
      await expect(h.gateways.graph.findUsers('   ', 10)).resolves.toEqual([]);
      expect(graphRequests()).toBe(before);
    });
  });

  describe('groups', () => {
    it('when a display name matches exactly, then only that group; else the prefix matches', async () => {
      expect((await h.gateways.graph.findGroups('Finance Team', 10)).map((g) => g.displayName)).toEqual(['Finance Team']);
      expect((await h.gateways.graph.findGroups('Finance', 10)).map((g) => g.displayName).sort()).toEqual(['Finance Department', 'Finance Interns', 'Finance Team']);
      await expect(h.gateways.graph.findGroups("Finance' or displayName eq 'Sales", 10)).resolves.toEqual([]);
    });

    it('when a group is read, then its kind flags come back; unknown → null; malformed → input.invalid', async () => {
      const m365 = await h.gateways.graph.getGroup('0b7957ec-8dcd-4624-849d-ad03b169b8c6');
      expect(m365).toMatchObject({ displayName: 'Finance Team', groupTypes: ['Unified'], mailEnabled: true });
      const security = await h.gateways.graph.getGroup(CONTOSO.groups.uatAccess);
      expect(security).toMatchObject({ securityEnabled: true, groupTypes: [] });
      await expect(h.gateways.graph.getGroup('00000000-1111-2222-3333-444444444444')).resolves.toBeNull();
      await expect(h.gateways.graph.getGroup('UAT Access')).rejects.toMatchObject({ code: 'input.invalid' });
    });

    it('when a 2,500-member group is listed, then exactly 3 member requests return every member with user properties', async () => {
      const before = routeCount('/members');
      const pages: GroupMember[][] = [];
      for await (const page of h.gateways.graph.listGroupMembers(CONTOSO.groups.sales)) pages.push(page);

      expect(pages.map((p) => p.length)).toEqual([999, 999, 502]);
      expect(routeCount('/members') - before).toBe(3);
      const members = pages.flat();
      expect(new Set(members.map((m) => m.id)).size).toBe(2500);
      const first = members[0];
      expect(first?.kind).toBe('user');
      if (first?.kind === 'user') expect(first.userPrincipalName).toMatch(/^sales\.rep/);
      expect(members.filter((m) => m.kind === 'user' && !m.accountEnabled)).toHaveLength(50);
    });

    it('when a group has nested groups, then direct listing shows them as groups and transitive listing flattens them', async () => {
      const direct = (await collect(h.gateways.graph.listGroupMembers(CONTOSO.groups.uatAccess))).flat();
      const nested = direct.filter((m) => m.kind === 'group').map((m) => m.id).sort();
      expect(nested).toEqual([CONTOSO.groups.financialCoordinators, '1c13e198-87a7-4c2f-a804-12c7a5d19f23'].sort());

      const transitive = (await collect(h.gateways.graph.listGroupMembers(CONTOSO.groups.uatAccess, { transitive: true }))).flat();
      expect(transitive.some((m) => m.id === '31dd6e44-fd2f-4340-ab15-c8b5c37257f3')).toBe(true); // Priya, via Finance Interns
    });

    it('when owners are listed, then their ids come back', async () => {
      await expect(h.gateways.graph.listGroupOwnerIds(CONTOSO.groups.uatAccess)).resolves.toEqual(['ad91ae40-d606-4338-b251-e9c4f74fc00a']);
    });
  });

  describe('memberships and roles', () => {
    it("when a user's direct memberships are read, then groups and directory roles are split", async () => {
      const ingrid = await h.gateways.graph.getMemberOf(CONTOSO.users.ingrid);
      expect(ingrid.roles.map((r) => r.roleTemplateId)).toEqual([ROLE_TEMPLATE.globalAdministrator]);

      const priya = await h.gateways.graph.getMemberOf('31dd6e44-fd2f-4340-ab15-c8b5c37257f3');
      expect(priya.groups.map((g) => g.displayName)).toEqual(['Finance Interns']);
      expect(priya.roles).toEqual([]);
    });

    it('when transitive groups are read, then groups reached through nesting are included', async () => {
      const ids = await h.gateways.graph.getTransitiveGroupIds('31dd6e44-fd2f-4340-ab15-c8b5c37257f3');
      expect(ids.sort()).toEqual(['1c13e198-87a7-4c2f-a804-12c7a5d19f23', CONTOSO.groups.uatAccess].sort());
    });

    it('when role holders are listed, then active holders come back; a role never activated gives an empty list', async () => {
      await expect(h.gateways.graph.listDirectoryRoleMemberIds(ROLE_TEMPLATE.powerPlatformAdministrator)).resolves.toEqual([CONTOSO.users.omar]);
      await expect(h.gateways.graph.listDirectoryRoleMemberIds(USER_ADMINISTRATOR_TEMPLATE)).resolves.toEqual([]);
      await expect(h.gateways.graph.listDirectoryRoleMemberIds("x') or true or ('")).rejects.toMatchObject({ code: 'input.invalid' });
    });

    it('when SKUs are listed, then each comes with its service plans', async () => {
      const skus = await h.gateways.graph.listSubscribedSkus();
      const premium = skus.find((s) => s.skuPartNumber === 'POWERAPPS_PER_USER');
      expect(premium?.capabilityStatus).toBe('Enabled');
      expect(premium?.servicePlans.length).toBeGreaterThan(0);
      expect(skus).toHaveLength(8);
    });
  });

  it('when requests are made, then onRequest reports each with surface, status and duration', async () => {
    const start = h.events.length;
    await h.gateways.graph.getUser(CONTOSO.users.jane);
    await h.gateways.graph.getUser('00000000-1111-2222-3333-444444444444');
    const events = h.events.slice(start);
    expect(events.map((e) => [e.surface, e.method, e.status, e.throttled])).toEqual([
      ['graph', 'GET', 200, false],
      ['graph', 'GET', 404, false],
    ]);
    expect(events[0]?.url).toContain(`/graph/v1.0/users/${CONTOSO.users.jane}`);
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
