import { loadFixture } from '../../src/sim/fixture';
import type { RunningSimulator } from '../../src/sim/server';
import { addGroupMember, createTenantState, directParentGroups, isDirectMember, removeGroupMember, transitiveParentGroups } from '../../src/sim/state';
import { IDS, SMALL_TENANT, graphClient, startSmall } from './helpers';

describe('membership index', () => {
  it('answers direct and transitive parent lookups and stays in step with mutations', () => {
    const state = createTenantState(loadFixture(SMALL_TENANT));
    expect(directParentGroups(state, IDS.zoe).map((g) => g.id)).toEqual([IDS.nested]);
    expect(transitiveParentGroups(state, IDS.zoe).map((g) => g.id).sort()).toEqual([IDS.envAccess, IDS.nested].sort());
    expect(addGroupMember(state, IDS.marketing, IDS.zoe)).toBe('added');
    expect(addGroupMember(state, IDS.marketing, IDS.zoe)).toBe('exists');
    expect(isDirectMember(state, IDS.marketing, IDS.zoe.toUpperCase())).toBe(true);
    expect(removeGroupMember(state, IDS.nested, IDS.zoe)).toBe('removed');
    expect(transitiveParentGroups(state, IDS.zoe).map((g) => g.id)).toEqual([IDS.marketing]);
    expect(removeGroupMember(state, IDS.nested, IDS.zoe)).toBe('absent');
  });

  it('answers membership in a 50,000-member group from the index (speed is shown in bench/, not here)', () => {
    const loaded = loadFixture(SMALL_TENANT);
    const big = loaded.groups.find((g) => g.id === IDS.sales)!;
    for (let i = 0; i < 47_500; i += 1) big.members.push(`ffffffff-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const state = createTenantState(loaded);
    const member = big.members[49_000]!;
    expect(isDirectMember(state, IDS.sales, member)).toBe(true);
    expect(isDirectMember(state, IDS.sales, 'ffffffff-0000-4000-8000-999999999999')).toBe(false);
    expect(directParentGroups(state, member).map((g) => g.id)).toEqual([IDS.sales]);
  });
});

describe('control endpoints', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSmall();
  });
  afterAll(() => sim.close());

  it('POST /_sim/groups/{id}/members changes membership; bad ids → 400 listing each and nothing changes', async () => {
    const post = (body: unknown): Promise<Response> =>
      fetch(`${sim.origin}/_sim/groups/${IDS.marketing}/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await post({ add: [IDS.zoe, '00000000-0000-4000-8000-0000000000ff'], remove: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { problems: string[] } }).error.problems).toEqual([
      "/add/1: unknown user or group '00000000-0000-4000-8000-0000000000ff'",
      '/remove: must be an array of ids',
    ]);
    expect(isDirectMember(sim.state(), IDS.marketing, IDS.zoe)).toBe(false);
    const ok = await post({ add: [IDS.zoe], remove: [IDS.gwen] });
    expect(await ok.json()).toEqual({ groupId: IDS.marketing, added: [IDS.zoe], removed: [IDS.gwen], memberCount: 2 });
    expect((await fetch(`${sim.origin}/_sim/groups/99999999-0000-4000-8000-000000000000/members`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('GET /_sim/state shows the current tenant; POST /_sim/reset restores the loaded fixture', async () => {
    const graph = await graphClient(sim);
    await graph(`/groups/${IDS.nested}/members/$ref`, { method: 'POST', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${IDS.jan}` } });
    const state = (await (await fetch(`${sim.origin}/_sim/state`)).json()) as { groups: { id: string; members: string[] }[] };
    expect(state.groups.find((g) => g.id === IDS.nested)?.members).toContain(IDS.jan);
    expect((await fetch(`${sim.origin}/_sim/reset`, { method: 'POST' })).status).toBe(204);
    const after = (await (await fetch(`${sim.origin}/_sim/state`)).json()) as { groups: { id: string; members: string[] }[] };
    expect(after.groups.find((g) => g.id === IDS.nested)?.members).toEqual([IDS.zoe]);
    expect(after.groups.find((g) => g.id === IDS.marketing)?.members).toEqual([IDS.janet, IDS.gwen]);
  });

  it('unknown control endpoints → 404; wrong methods → 405; bad JSON → 400', async () => {
    expect((await fetch(`${sim.origin}/_sim/nope`)).status).toBe(404);
    expect((await fetch(`${sim.origin}/_sim/reset`)).status).toBe(405);
    expect((await fetch(`${sim.origin}/_sim/config`, { method: 'POST', body: '{oops' })).status).toBe(400);
    expect((await fetch(`${sim.origin}/nowhere`)).status).toBe(404);
  });
});
