import { runCli } from '../../src/cli/index';
import { realClock } from '../../src/sim/clock';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { contosoWith, uatReadyGroup } from './helpers/tenant';

const MEMBERS = 160;

/**
 * The engine finds limits it is not told, over real HTTP through the real BAP gateway. Assertions
 * are on what the service saw (requests in flight, 429s, adds), not on wall time: how close the
 * sync gets to the limit in seconds is measured by the benchmark (bench/scenarios/sync-limit.ts).
 */
describe('adaptive concurrency against the simulated BAP', () => {
  let sim: RunningSimulator;
  /** BAP requests in flight (itself included) as each admitted request starts its latency: only BAP has latency here. */
  let inFlightAtAdmission: number[] = [];
  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      fixture: contosoWith(uatReadyGroup(MEMBERS, { unlicensedShare: 0 })),
      clock: { ...realClock, delay: (ms) => (inFlightAtAdmission.push(sim.stats().inFlight.bap), realClock.delay(ms)) },
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  /** Syncs the whole group with BAP set to `limits`; returns what the service saw. */
  async function syncUnder(limits: { maxConcurrent: number; requestsPerSecond: number }) {
    sim.reset();
    sim.setConfig({ bap: { latencyMs: 50, jitterMs: 0, retryAfterSeconds: 1, ...limits } });
    await fetch(`${sim.origin}/_sim/stats`, { method: 'DELETE' });
    inFlightAtAdmission = [];
    const out: string[] = [];
    const code = await runCli(['sync', 'UAT Testers', '--env', 'UAT', '--json'],
      { DATA_SOURCE: 'simulated', SIM_URL: sim.origin, STORE_PATH: ':memory:', LOG_LEVEL: 'silent' },
      { out: (line) => out.push(line), err: () => undefined });
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as { totals: { synced: number } };
    const stats = sim.stats();
    const addUserCalls = Object.entries(stats.routes.bap).filter(([route]) => route.endsWith('/addUser')).reduce((sum, [, n]) => sum + n, 0);
    const meanInFlight = inFlightAtAdmission.reduce((sum, n) => sum + n, 0) / inFlightAtAdmission.length;
    return { synced: report.totals.synced, throttled: stats.throttled429.bap, peak: stats.peakConcurrency.bap, addUserCalls, meanInFlight };
  }

  it('with a cap of 4 concurrent requests, it climbs to the cap, holds it, and draws few 429s', async () => {
    const run = await syncUnder({ maxConcurrent: 4, requestsPerSecond: 0 });
    expect(run.synced).toBe(MEMBERS);
    // each member is added once; every 429 costs exactly one more attempt
    expect(run.addUserCalls).toBe(MEMBERS + run.throttled);
    expect(run.throttled).toBeLessThanOrEqual(10);
    // It only grows while all its slots are busy, so a CPU-starved test run may stay just below the cap.
    expect(run.peak).toBeGreaterThanOrEqual(3);
    // Holding the level it found (3 or 4) keeps others in flight as each request starts; serial would be 1.
    expect(run.meanInFlight).toBeGreaterThanOrEqual(2);
  });

  it('with a budget of 40 requests per second instead, it syncs everyone without hammering the service', async () => {
    const run = await syncUnder({ maxConcurrent: 0, requestsPerSecond: 40 });
    expect(run.synced).toBe(MEMBERS);
    expect(run.addUserCalls).toBe(MEMBERS + run.throttled);
    expect(run.throttled).toBeLessThanOrEqual(40);
  });
});
