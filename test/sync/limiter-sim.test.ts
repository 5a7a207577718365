import { runCli } from '../../src/cli/index';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { contosoWith, uatReadyGroup } from './helpers/tenant';

const MEMBERS = 160;

/** The engine finds limits it is not told, over real HTTP through the real BAP gateway. */
describe('adaptive concurrency against the simulated BAP', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, fixture: contosoWith(uatReadyGroup(MEMBERS, { unlicensedShare: 0 })) });
  });
  afterAll(async () => {
    await sim.close();
  });

  /** Syncs the whole group with BAP set to `limits`; returns the job's duration, synced count and 429s drawn. */
  async function syncUnder(limits: { maxConcurrent: number; requestsPerSecond: number }) {
    sim.reset();
    sim.setConfig({ bap: { latencyMs: 50, jitterMs: 0, retryAfterSeconds: 1, ...limits } });
    const before = sim.stats().throttled429.bap;
    const out: string[] = [];
    const code = await runCli(['sync', 'UAT Testers', '--env', 'UAT', '--json'],
      { DATA_SOURCE: 'simulated', SIM_URL: sim.origin, STORE_PATH: ':memory:', LOG_LEVEL: 'silent', SYNC_MAX_CONCURRENCY: '64' },
      { out: (line) => out.push(line), err: () => undefined });
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as { durationMs: number; totals: { synced: number } };
    return { durationMs: report.durationMs, synced: report.totals.synced, throttled: sim.stats().throttled429.bap - before };
  }

  // Wall-time bounds are loose on purpose (CI machines run test files in parallel); the benchmark measures the tight ratio.
  it('with a cap of 4 concurrent requests, it climbs to the cap, holds it, and draws few 429s', async () => {
    const { durationMs, synced, throttled } = await syncUnder({ maxConcurrent: 4, requestsPerSecond: 0 });
    expect(synced).toBe(MEMBERS);
    // It only grows while all its slots are busy, so a CPU-starved test run may stay just below the cap.
    expect(sim.stats().peakConcurrency.bap).toBeGreaterThanOrEqual(3);
    expect(throttled).toBeLessThanOrEqual(10);
    expect(durationMs).toBeLessThan(((MEMBERS * 50) / 4) * 2 + 2000);
  });

  it('with a budget of 40 requests per second instead, it syncs everyone without hammering the service', async () => {
    const { durationMs, synced, throttled } = await syncUnder({ maxConcurrent: 0, requestsPerSecond: 40 });
    expect(synced).toBe(MEMBERS);
    expect(throttled).toBeLessThanOrEqual(40);
    expect(durationMs).toBeLessThan((MEMBERS / 40) * 1000 * 2 + 2000);
  });
});
