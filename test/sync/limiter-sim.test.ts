import pino from 'pino';
import { joinSimulatedTenant } from '../../src/app/simulated-tenant';
import { loadConfig } from '../../src/config';
import { fillMembers } from '../../src/features/sync/fill-members';
import { createTokenProvider } from '../../src/gateways/auth/token-provider';
import { createGateways } from '../../src/gateways/create-gateways';
import { SyncJobEngine } from '../../src/jobs/job-engine';
import { createJob, getJob, transitionJob } from '../../src/jobs/job-store';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { openSqliteStore } from '../../src/store/db';
import { VirtualNetworkTime } from '../helpers/virtual-network-time';
import { addUserCalls } from './helpers/sim-stats';
import { BIG_GROUP_ID, contosoWith, uatReadyGroup } from './helpers/tenant';

const MEMBERS = 160;
const LATENCY_MS = 50;

/**
 * The engine finds limits it is not told, over real HTTP through the real BAP gateway, in virtual
 * time: the engine and the simulator share one clock that stands still while a request is on the
 * wire (test/helpers/virtual-network-time.ts). So latencies, token-bucket refills, Retry-After
 * pauses and pacing happen at the same instants on every run, however busy the CPU is, and the
 * counts below (429s, requests in flight, seconds) are the limiter's own, not the machine's.
 */
describe('adaptive concurrency against the simulated BAP', () => {
  const time = new VirtualNetworkTime();
  let sim: RunningSimulator;
  /** Each admitted BAP request as it starts its latency (only BAP has latency here): when, and how many were in flight, itself included. */
  let admissions: { at: number; inFlight: number }[] = [];
  /** Every addUser the gateway sent: when (virtual time) and what came back. */
  let addUserSends: { at: number; status: number }[] = [];
  const fetchLoggingAddUser: typeof fetch = async (input, init) => {
    const at = time.clock.now();
    const response = await time.fetch(input, init);
    if (String(input instanceof Request ? input.url : input).includes('/addUser')) addUserSends.push({ at, status: response.status });
    return response;
  };
  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      fixture: contosoWith(uatReadyGroup(MEMBERS, { unlicensedShare: 0 })),
      clock: { ...time.simClock, delay: (ms) => (admissions.push({ at: time.clock.now(), inFlight: sim.stats().inFlight.bap }), time.simClock.delay(ms)) },
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  /** Syncs the whole group (as `sync UAT Testers to UAT` does) with BAP set to `limits`; returns what the service saw and how long it took. */
  async function syncUnder(limits: { maxConcurrent: number; requestsPerSecond: number }, noise?: { random429Rate: number; random503Rate: number }) {
    sim.reset();
    sim.setConfig({ bap: { latencyMs: LATENCY_MS, jitterMs: 0, retryAfterSeconds: 1, ...limits } });
    await fetch(`${sim.origin}/_sim/stats`, { method: 'DELETE' });
    admissions = [];
    addUserSends = [];
    const joined = await joinSimulatedTenant(loadConfig({ DATA_SOURCE: 'simulated', SIM_URL: sim.origin, STORE_PATH: ':memory:' }), {});
    const { config } = joined;
    const tokenProvider = createTokenProvider(config, { simulatorTokenUrl: joined.tokenUrl, fetch: time.fetch });
    const gateways = createGateways(config, { tokenProvider, fetch: fetchLoggingAddUser });
    const log = pino({ level: 'silent' });
    const store = await openSqliteStore(':memory:');
    const { db } = store;
    const deps = { ...gateways, db, log, now: () => time.clock.now() };
    try {
      return await time.clock.run(async () => {
        const uat = (await gateways.powerPlatform.listEnvironments()).find((e) => e.displayName === 'UAT');
        const group = await gateways.graph.getGroup(BIG_GROUP_ID);
        if (!uat?.dataverse || !group) throw new Error('the fixture has no UAT environment or no UAT Testers group');
        const jobId = await createJob(db, {
          kind: 'group', requestedBy: { aadObjectId: null, name: 'limiter test' }, conversationKey: null,
          environment: { id: uat.id, displayName: uat.displayName, instanceUrl: uat.dataverse.instanceUrl },
          target: 'UAT Testers (group)', options: {}, state: 'preview', now: deps.now(),
        });
        await fillMembers({ deps, jobId, environment: uat, source: { group, includeNested: false } });
        await transitionJob(db, jobId, ['preview'], 'queued', { now: deps.now() });
        const engine = new SyncJobEngine(
          { db, powerPlatform: gateways.powerPlatform, dataverse: gateways.dataverse, log, sync: config.sync, clock: time.clock },
          { onProgress: () => Promise.resolve(), onFinished: () => Promise.resolve() },
        );
        // Noise on addUser only: set once the job's lookups are done, as the bench does after the preview.
        if (noise) sim.setConfig({ bap: noise });
        const stats = sim.stats();
        const addsStartAt = time.clock.now();
        await engine.start(jobId);
        await engine.idle();
        const job = await getJob(db, jobId);
        const after = sim.stats();
        const adds = admissions.filter((a) => a.at >= addsStartAt);
        return {
          state: job?.state, synced: job?.totals.synced, throttled: after.throttled429.bap - stats.throttled429.bap, peak: after.peakConcurrency.bap,
          unavailable: after.unavailable503.bap - stats.unavailable503.bap,
          addUserCalls: addUserCalls(sim),
          meanInFlight: adds.reduce((sum, a) => sum + a.inFlight, 0) / adds.length,
          /** From the first addUser sent to the last one answered (the Dataverse confirmation after it is not the limiter's). */
          addingMs: Math.max(...adds.map((a) => a.at)) + LATENCY_MS - addsStartAt,
          /** The longest time no addUser was sent while the job was adding. */
          longestSilenceMs: Math.max(...addUserSends.slice(1).map((send, i) => send.at - (addUserSends[i] as { at: number }).at)),
        };
      });
    } finally {
      await store.close();
    }
  }

  it('with a cap of 4 concurrent requests, it climbs to the cap, holds it, and draws few 429s', async () => {
    const run = await syncUnder({ maxConcurrent: 4, requestsPerSecond: 0 });
    expect(run).toMatchObject({ state: 'done', synced: MEMBERS });
    // each member is added once; every 429 costs exactly one more attempt
    expect(run.addUserCalls).toBe(MEMBERS + run.throttled);
    // Slow start begins at 8 in flight, so its one overshoot draws 4; probing above the cap costs one more per 30 s probe interval.
    expect(run.throttled).toBeLessThanOrEqual(10);
    expect(run.peak).toBe(4);
    // Holding the cap keeps 4 in flight (itself included) as each request starts; serial would be 1. Margin: the ramp-up and the tail.
    expect(run.meanInFlight).toBeGreaterThanOrEqual(3.5);
    // A cap is not a budget: the overshoot's four refused members wait out their 1 s Retry-After, the admitted ones carry on.
    expect(run.longestSilenceMs).toBeLessThanOrEqual(LATENCY_MS);
    // 160 adds of 50 ms, 4 at a time, cannot take less than 2 s. Margin 25% (0.5 s): less than pausing everyone once (1 s).
    expect(run.addingMs / ((MEMBERS * LATENCY_MS) / 4)).toBeLessThanOrEqual(1.25);
  });

  it('with a budget of 40 requests per second instead, it syncs everyone without hammering the service', async () => {
    const run = await syncUnder({ maxConcurrent: 0, requestsPerSecond: 40 });
    expect(run).toMatchObject({ state: 'done', synced: MEMBERS });
    expect(run.addUserCalls).toBe(MEMBERS + run.throttled);
    // A few 429s teach it the budget (the bucket holds one second's worth, 40); then it paces below it. Each burst must
    // stand out from what noise could do, and a budget is concluded only once the window was cut twice and is still
    // refused (a cap is not taken for one), so learning it costs about 25 429s, not a handful.
    expect(run.throttled).toBeLessThanOrEqual(30);
    // When the 429s repeat, everyone waits out Retry-After (1 s) before sending again.
    expect(run.longestSilenceMs).toBeGreaterThanOrEqual(1000);
    // The bucket's 40, then 120 more at 40/s: at least 3 s. Learning the budget costs one 1 s Retry-After pause (4 s, 1.33×);
    // the margin to 1.5× (4.5 s) is less than a second pause, and less than pacing below 80% of the budget would cost.
    expect(run.addingMs / (((MEMBERS - 40) / 40) * 1000)).toBeLessThanOrEqual(1.5);
  });

  it('with the cap of 4 and 10% random 429s and 5% random 503s besides, it still holds the cap and syncs everyone once', async () => {
    const run = await syncUnder({ maxConcurrent: 4, requestsPerSecond: 0 }, { random429Rate: 0.1, random503Rate: 0.05 });
    expect(run).toMatchObject({ state: 'done', synced: MEMBERS });
    // each member is added once; every 429 or 503 costs exactly one more attempt
    expect(run.addUserCalls).toBe(MEMBERS + run.throttled + run.unavailable);
    expect(run.throttled).toBeGreaterThanOrEqual(10);
    expect(run.peak).toBe(4);
    // Scattered 429s are not taken for a limit: the level stays at the cap (before issue 18 it sank to SYNC_MIN_CONCURRENCY, 2).
    expect(run.meanInFlight).toBeGreaterThanOrEqual(3.5);
    // The fault-adjusted minimum: N × latency / cap / (1 − 0.15), plus one Retry-After (1 s here): 3.35 s. With only 2 s of
    // adds the retry tail weighs more than at 1,000 members (a member refused twice waits 1 s + 0.5 s or more), so the margin
    // here is 1.5× (4.6 s measured); the 1.3× target is held at 1,000 members (adaptive-limiter-noise.test.ts and the bench).
    expect(run.addingMs / ((MEMBERS * LATENCY_MS) / 4 / 0.85 + 1000)).toBeLessThanOrEqual(1.5);
  });
});
