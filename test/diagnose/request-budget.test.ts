import type { Deps } from '../../src/app/deps';
import { runDiagnosis } from '../../src/features/diagnose/run-diagnosis';
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
});
