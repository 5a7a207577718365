import { runCli } from '../../src/cli/index';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { contosoWith, uatReadyGroup } from './helpers/tenant';

/** The engine finds limits it is not told, over real HTTP through the real BAP gateway. */
describe('adaptive concurrency against the simulated BAP', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, fixture: contosoWith(uatReadyGroup(300, { unlicensedShare: 0 })) });
  });
  afterAll(async () => {
    await sim.close();
  });

  async function syncAll(): Promise<{ durationMs: number; synced: number }> {
    const out: string[] = [];
    const code = await runCli(['sync', 'UAT Testers', '--env', 'UAT', '--json'],
      { DATA_SOURCE: 'simulated', SIM_URL: sim.origin, STORE_PATH: ':memory:', LOG_LEVEL: 'silent', SYNC_MAX_CONCURRENCY: '64' },
      { out: (line) => out.push(line), err: () => undefined });
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as { durationMs: number; totals: { synced: number } };
    return { durationMs: report.durationMs, synced: report.totals.synced };
  }

  // A token bucket lets the slow start overshoot by its burst size once, so that episode brings more 429s.
  it.each([
    ['a cap of 6 concurrent requests', { latencyMs: 40, maxConcurrent: 6, requestsPerSecond: 0 }, (300 * 40) / 6, 10],
    ['a budget of 100 requests per second', { latencyMs: 40, maxConcurrent: 0, requestsPerSecond: 100 }, (300 / 100) * 1000, 40],
  ])('with %s, every member is synced close to the theoretical minimum with few 429s', async (_label, bap, minimumMs, max429) => {
    sim.reset();
    sim.setConfig({ bap: { ...bap, jitterMs: 0, retryAfterSeconds: 1 } });
    const before = sim.stats().throttled429.bap;
    const { durationMs, synced } = await syncAll();
    const throttled = sim.stats().throttled429.bap - before;
    expect(synced).toBe(300);
    expect(throttled).toBeGreaterThan(0); // it did have to find the limit
    expect(throttled).toBeLessThanOrEqual(max429);
    // Each 429 episode costs one Retry-After pause (1 s here), a big share of a 2-3 s job; the benchmark measures long jobs.
    expect(durationMs).toBeLessThan(minimumMs * 1.25 + 2500);
  });
});
