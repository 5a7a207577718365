import type { Deps } from '../../src/app/deps';
import { EVERYWHERE_CONCURRENCY, runDiagnosis } from '../../src/features/diagnose/run-diagnosis';
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { CONTOSO } from '../gateways/helpers/sim-gateways';

/** Issue 4 "Fast": ≤6 Graph requests and ≤3 sequential waves per diagnosis; tenant-wide data cached. */
let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(async () => bot.close());

const total = () => {
  const { requests } = bot.sim.stats();
  return { graph: requests.graph, bap: requests.bap, dataverse: requests.dataverse };
};

async function measure(deps: Deps, user: string, environment: string) {
  const before = total();
  const outcome = await runDiagnosis(deps, { user, environment, everywhere: false });
  const after = total();
  expect(outcome.kind).toBe('diagnosis');
  return { graph: after.graph - before.graph, bap: after.bap - before.bap, dataverse: after.dataverse - before.dataverse };
}

/** Wraps the three gateways: every call that starts while no other gateway call is in flight opens a new wave. */
function countWaves(deps: Deps): { deps: Deps; count(): number } {
  let inFlight = 0;
  let waves = 0;
  const track = <T extends object>(gateway: T): T =>
    new Proxy(gateway, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (inFlight === 0) waves += 1;
          inFlight += 1;
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return Promise.resolve(result).finally(() => (inFlight -= 1));
        };
      },
    });
  return { deps: { ...deps, graph: track(deps.graph), powerPlatform: track(deps.powerPlatform), dataverse: track(deps.dataverse) }, count: () => waves };
}

describe('requests per diagnosis', () => {
  it('with cold caches: at most 6 Graph requests, 1 BAP and 2 Dataverse for a person not yet in the environment', async () => {
    const cold = await measure({ ...bot.deps }, 'Jane Doe', 'UAT');
    expect(cold.graph).toBeLessThanOrEqual(6);
    expect(cold.bap).toBe(1);
    expect(cold.dataverse).toBe(2);
  });

  it('for a person in Dataverse teams: 3 Dataverse requests (user, the roles of their teams, the group teams)', async () => {
    const uat = bot.sim.state().environmentsById.get(CONTOSO.environments.uat)!.dataverse!;
    const inTeams = uat.systemUsers.find((u) => u.azureObjectId && uat.teams.some((t) => t.roleIds.length > 0 && t.memberIds.includes(u.systemUserId)))!;
    expect((await measure({ ...bot.deps }, inTeams.azureObjectId!, 'UAT')).dataverse).toBe(3);
  });

  it.each(['jane.doe@contoso.com', 'fatima.khan@fabrikam.com', "Siobhan O'Brien", '1bc176ac-113e-4105-a8d2-93516aa828e1'])(
    'with cold caches, found by UPN, mail, name or id (%s): still at most 6 Graph requests',
    async (who) => {
      expect((await measure({ ...bot.deps }, who, 'UAT')).graph).toBeLessThanOrEqual(6);
    },
  );

  it('with warm tenant caches: SKUs, environments and the group name are not fetched again', async () => {
    const deps = { ...bot.deps };
    await measure(deps, 'Jane Doe', 'UAT');
    const warm = await measure(deps, 'Priya Patel', 'UAT');
    expect(warm.graph).toBe(4);
    expect(warm.bap).toBe(0);
  });

  it('runs in at most 3 sequential waves of parallel requests (a wave = calls started while nothing else is in flight)', async () => {
    await measure({ ...bot.deps }, 'Jane Doe', 'UAT'); // tokens warm
    const latency = { latencyMs: 50, jitterMs: 0 };
    bot.sim.setConfig({ graph: latency, bap: latency, dataverse: latency });
    try {
      const waves = countWaves(bot.deps);
      await measure(waves.deps, 'Hannah Weber', 'UAT');
      expect(waves.count()).toBeLessThanOrEqual(3);
      expect(waves.count()).toBeGreaterThanOrEqual(2);
    } finally {
      bot.sim.setConfig({ graph: { latencyMs: 0 }, bap: { latencyMs: 0 }, dataverse: { latencyMs: 0 } });
    }
  });

  it(`"everywhere" checks environments in parallel, but never more than ${EVERYWHERE_CONCURRENCY} at once (2 Dataverse reads each)`, async () => {
    const latency = { latencyMs: 60, jitterMs: 0 };
    bot.sim.setConfig({ graph: latency, bap: latency, dataverse: latency });
    try {
      const outcome = await runDiagnosis({ ...bot.deps }, { user: 'Jane Doe', environment: null, everywhere: true });
      expect(outcome.kind === 'everywhere' && outcome.rows.length).toBe(11);
      expect(bot.sim.stats().peakConcurrency.dataverse).toBeLessThanOrEqual(2 * EVERYWHERE_CONCURRENCY);
      expect(bot.sim.stats().peakConcurrency.dataverse).toBeGreaterThan(2);
    } finally {
      bot.sim.setConfig({ graph: { latencyMs: 0 }, bap: { latencyMs: 0 }, dataverse: { latencyMs: 0 } });
    }
  });
});
