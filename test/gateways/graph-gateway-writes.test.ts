import { CONTOSO, startHarness, type Harness } from './helpers/sim-gateways';

describe('GraphGateway writes against the simulated Contoso tenant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const memberOfChecks = (): number => h.sim.stats().routes.graph['GET /v1.0/users/{id}/memberOf'] ?? 0;

  it('when a member is added twice, then both calls succeed and the delta round reports only that change', async () => {
    const coordinators = CONTOSO.groups.financialCoordinators;
    const first = await h.gateways.graph.groupMemberDelta(coordinators);
    expect(first.deltaLink).toEqual(expect.any(String));
    expect(first.changes.map((c) => c.memberId).sort()).toEqual([...h.sim.state().groupsById.get(coordinators)!.members].sort());

    const checksBefore = memberOfChecks();
    await h.gateways.graph.addGroupMember(coordinators, CONTOSO.users.zoe);
    expect(memberOfChecks()).toBe(checksBefore);
    // Graph refuses the second add with Request_BadRequest; the gateway confirms the membership before calling it a success.
    await h.gateways.graph.addGroupMember(coordinators, CONTOSO.users.zoe);
    expect(memberOfChecks()).toBe(checksBefore + 1);

    const second = await h.gateways.graph.groupMemberDelta(coordinators, first.deltaLink);
    expect(second.changes).toEqual([{ groupId: coordinators, memberId: CONTOSO.users.zoe, removed: false }]);
    const members = (await collect(h.gateways.graph.listGroupMembers(coordinators))).flat();
    expect(members.map((m) => m.id)).toContain(CONTOSO.users.zoe);
  });

  it('when Graph answers Request_BadRequest for another reason, then the add fails and nothing changes', async () => {
    const group = CONTOSO.groups.uatAccess;
    const before = [...h.sim.state().groupsById.get(group)!.members];
    // a group cannot be its own member: the same error code as "already exists", but it is not a member
    await expect(h.gateways.graph.addGroupMember(group, group)).rejects.toMatchObject({ code: 'graph.failed', userMessage: 'Microsoft Graph refused the request (HTTP 400).' });
    expect(h.sim.state().groupsById.get(group)!.members).toEqual(before);
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
