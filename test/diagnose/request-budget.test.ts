import type { Deps } from '../../src/app/deps';
import { EVERYWHERE_CONCURRENCY, runDiagnosis } from '../../src/features/diagnose/run-diagnosis';
import { createTestBot, type TestBot } from '../helpers/bot-harness';

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
  const started = performance.now();
  const outcome = await runDiagnosis(deps, { user, environment, everywhere: false });
  const ms = performance.now() - started;
  const after = total();
  expect(outcome.kind).toBe('diagnosis');
  return { ms, graph: after.graph - before.graph, bap: after.bap - before.bap, dataverse: after.dataverse - before.dataverse };
}

describe('requests per diagnosis', () => {
  it('with cold caches: at most 6 Graph requests, 1 BAP and 2 Dataverse', async () => {
    const cold = await measure({ ...bot.deps }, 'Jane Doe', 'UAT');
    expect(cold.graph).toBeLessThanOrEqual(6);
    expect(cold.bap).toBe(1);
    expect(cold.dataverse).toBe(2);
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

  it('runs in at most 3 sequential waves: with 150 ms per request a cold diagnosis takes < 3.5 round trips', async () => {
    await measure({ ...bot.deps }, 'Jane Doe', 'UAT'); // tokens warm
    const latency = { latencyMs: 150, jitterMs: 0 };
    bot.sim.setConfig({ graph: latency, bap: latency, dataverse: latency });
    try {
      const cold = await measure({ ...bot.deps }, 'Hannah Weber', 'UAT');
      expect(cold.ms).toBeLessThan(3.5 * 150);
      expect(cold.ms).toBeGreaterThanOrEqual(2 * 150);
    } finally {
      bot.sim.setConfig({ graph: { latencyMs: 0 }, bap: { latencyMs: 0 }, dataverse: { latencyMs: 0 } });
    }
  });

  it('"everywhere" checks environments in parallel, but never more than 4 at once (2 Dataverse reads each)', async () => {
    const latency = { latencyMs: 60, jitterMs: 0 };
    bot.sim.setConfig({ graph: latency, bap: latency, dataverse: latency });
    try {
      const started = performance.now();
      const outcome = await runDiagnosis({ ...bot.deps }, { user: 'Jane Doe', environment: null, everywhere: true });
      expect(outcome.kind === 'everywhere' && outcome.rows.length).toBe(11);
      expect(bot.sim.stats().peakConcurrency.dataverse).toBeLessThanOrEqual(2 * EVERYWHERE_CONCURRENCY);
      expect(bot.sim.stats().peakConcurrency.dataverse).toBeGreaterThan(2);
      expect(performance.now() - started).toBeLessThan(11 * 2 * 60);
    } finally {
      bot.sim.setConfig({ graph: { latencyMs: 0 }, bap: { latencyMs: 0 }, dataverse: { latencyMs: 0 } });
    }
  });
});
