import { createGateways } from '../../src/gateways/create-gateways';
import type { RequestEvent } from '../../src/gateways/http/request-event';
import { CONTOSO, startHarness, testConfig, type Harness } from './helpers/sim-gateways';

describe('reads under injected faults (10% 429, 5% 503)', () => {
  let h: Harness;
  beforeAll(async () => {
    const faults = { random429Rate: 0.1, random503Rate: 0.05, retryAfterSeconds: 0 };
    h = await startHarness({ config: { graph: faults, bap: faults, dataverse: faults, seed: 7 } });
  });
  afterAll(() => h.close());

  it('when Graph pages a 2,500-member group repeatedly, then every member arrives exactly once each time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const ids: string[] = [];
      for await (const page of h.gateways.graph.listGroupMembers(CONTOSO.groups.sales)) ids.push(...page.map((m) => m.id));
      expect(ids).toHaveLength(2500);
      expect(new Set(ids).size).toBe(2500);
    }
    const stats = h.sim.stats();
    expect(stats.throttled429.graph + stats.unavailable503.graph).toBeGreaterThan(0);
    expect(h.events.some((e) => e.surface === 'graph' && e.throttled)).toBe(true);
  });

  it('when BAP and Dataverse reads are repeated, then the results match a fault-free read', async () => {
    const expectedNames = h.sim.state().fixture.environments.map((e) => e.displayName).sort();
    const uat = h.sim.urls.dataverse('contosouat');
    const provisioned = h.sim.state().environmentsById.get(CONTOSO.environments.uat)!.dataverse!.systemUsers.filter((u) => u.azureObjectId).length;
    for (let i = 0; i < 10; i += 1) {
      expect((await h.gateways.powerPlatform.listEnvironments()).map((e) => e.displayName).sort()).toEqual(expectedNames);
      const ids = h.sim.state().environmentsById.get(CONTOSO.environments.uat)!.dataverse!.systemUsers.flatMap((u) => (u.azureObjectId ? [u.azureObjectId] : []));
      expect(await h.gateways.dataverse.findSystemUsers(uat, ids)).toHaveLength(provisioned);
    }
    const stats = h.sim.stats();
    expect(stats.throttled429.bap + stats.throttled429.dataverse + stats.unavailable503.bap + stats.unavailable503.dataverse).toBeGreaterThan(0);
  });

  it('when Graph throttles every request, then graph.throttled after bounded retries', async () => {
    h.sim.setConfig({ graph: { random429Rate: 1, random503Rate: 0 } });
    const before = h.sim.stats().requests.graph;
    await expect(h.gateways.graph.getUser(CONTOSO.users.jane)).rejects.toMatchObject({ code: 'graph.throttled' });
    expect(h.sim.stats().requests.graph - before).toBe(7); // first try + 6 retries
    expect(h.events.slice(-7).every((e) => e.throttled && e.status === 429)).toBe(true);
    h.sim.setConfig({ graph: { random429Rate: 0.1, random503Rate: 0.05 } });
  });
});

describe('timeouts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { bap: { latencyMs: 300 }, dataverse: { latencyMs: 300 } } });
  });
  afterAll(() => h.close());

  it('when reads time out, then they are retried a bounded number of times and end as upstream.unavailable', async () => {
    const events: RequestEvent[] = [];
    const slow = createGateways(testConfig(h.sim), { tokenProvider: h.tokens, timeoutMs: 40, retryPolicy: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 }, onRequest: (e) => events.push(e) });

    await expect(slow.dataverse.findSystemUser(h.sim.urls.dataverse('contosouat'), CONTOSO.users.jane)).rejects.toMatchObject({ code: 'upstream.unavailable' });
    expect(events.map((e) => [e.surface, e.status])).toEqual([['dataverse', 0], ['dataverse', 0], ['dataverse', 0]]);
  });

  it('when addUser times out, then it is reported as transient once, never retried', async () => {
    const events: RequestEvent[] = [];
    const slow = createGateways(testConfig(h.sim), { tokenProvider: h.tokens, timeoutMs: 40, onRequest: (e) => events.push(e) });

    const outcome = await slow.powerPlatform.addUser(CONTOSO.environments.uat, CONTOSO.users.jane);

    expect(outcome).toMatchObject({ ok: false, kind: 'transient', status: 0 });
    expect(events).toHaveLength(1);
  });
});
