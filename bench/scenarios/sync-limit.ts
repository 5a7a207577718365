import type { SimStats } from '../../src/sim/server';
import { checked, cpuRows, info, requestRows, type Row } from '../lib/results';
import type { Mode, Scenario } from '../lib/scenario';
import { runClusterSync } from '../lib/cluster-sync';
import { latencyAround, runSyncCase } from '../lib/sync-case';

interface LimitCase {
  label: string;
  members: number;
  meanLatencyMs: number;
  spreadMs: number;
  /** Concurrency cap of the simulated BAP service, or a requests-per-second budget. */
  limit: { cap: number } | { rps: number };
}

const FULL: LimitCase[] = [
  { label: '100 members, 500 ms, cap 10', members: 100, meanLatencyMs: 500, spreadMs: 100, limit: { cap: 10 } },
  { label: '1,000 members, 500 ms, cap 10', members: 1_000, meanLatencyMs: 500, spreadMs: 100, limit: { cap: 10 } },
  { label: '10,000 members, 50 ms, cap 20', members: 10_000, meanLatencyMs: 50, spreadMs: 10, limit: { cap: 20 } },
  { label: '1,000 members, 500 ms, 20 req/s', members: 1_000, meanLatencyMs: 500, spreadMs: 100, limit: { rps: 20 } },
];

const SMOKE: LimitCase[] = [
  { label: '200 members, 20 ms, cap 10', members: 200, meanLatencyMs: 20, spreadMs: 4, limit: { cap: 10 } },
  { label: '100 members, 200 ms, 50 req/s', members: 100, meanLatencyMs: 200, spreadMs: 40, limit: { rps: 50 } },
];

/** The same limit with several instances on one PostgreSQL: the members split over one job per instance, started at once. */
const CLUSTER_FULL = { label: '1,000 members, 500 ms, cap 10, three instances (PostgreSQL)', members: 1_000, meanLatencyMs: 500, spreadMs: 100, limit: { cap: 10 }, instances: 3 };
const CLUSTER_SMOKE = { label: '200 members, 20 ms, cap 10, three instances (PostgreSQL)', members: 200, meanLatencyMs: 20, spreadMs: 4, limit: { cap: 10 }, instances: 3 };

/**
 * Issue 18's noisy throttling: on top of the cap, addUser answers 10% of requests 429 (Retry-After
 * 2 s) and 5% 503 at random, whatever the load (set once the preview is there, so only the job's
 * addUser calls see them). Optionally the cap drops mid-job; the bot is told none of it.
 */
interface NoisyCase {
  label: string;
  members: number;
  meanLatencyMs: number;
  spreadMs: number;
  cap: number;
  /** The cap the service drops to, and when (after "Sync all"). */
  drop?: { cap: number; afterMs: number };
}

const NOISE = { random429Rate: 0.1, random503Rate: 0.05 };
const FAULTS = NOISE.random429Rate + NOISE.random503Rate;
const RETRY_AFTER_S = 2;

const NOISY_FULL: NoisyCase[] = [
  { label: '1,000 members, 500 ms, cap 10, 10% random 429s + 5% random 503s', members: 1_000, meanLatencyMs: 500, spreadMs: 100, cap: 10 },
  { label: '1,000 members, 500 ms, cap 10 lowered to 5 after 20 s, 10% random 429s + 5% random 503s', members: 1_000, meanLatencyMs: 500, spreadMs: 100, cap: 10, drop: { cap: 5, afterMs: 20_000 } },
];

const NOISY_SMOKE: NoisyCase[] = [
  { label: '300 members, 20 ms, cap 10, 10% random 429s + 5% random 503s', members: 300, meanLatencyMs: 20, spreadMs: 4, cap: 10 },
  { label: '300 members, 20 ms, cap 10 lowered to 5 after 0.2 s, 10% random 429s + 5% random 503s', members: 300, meanLatencyMs: 20, spreadMs: 4, cap: 10, drop: { cap: 5, afterMs: 200 } },
];

/**
 * The fault-adjusted minimum: N × latency / cap / (1 − 0.15), plus one Retry-After; with a drop, the
 * members the first cap could have added by then at best, and the rest at the second.
 */
function faultAdjustedMinimumSeconds(c: NoisyCase): number {
  const perMemberMs = (cap: number): number => c.meanLatencyMs / cap / (1 - FAULTS);
  if (!c.drop) return (c.members * perMemberMs(c.cap)) / 1000 + RETRY_AFTER_S;
  const before = Math.min(c.members, c.drop.afterMs / perMemberMs(c.cap));
  return (c.drop.afterMs + (c.members - before) * perMemberMs(c.drop.cap)) / 1000 + RETRY_AFTER_S;
}

async function noisyRows(c: NoisyCase): Promise<Row[]> {
  const scenario = `1. Group sync vs the limit: ${c.label}`;
  const minimum = faultAdjustedMinimumSeconds(c);
  let throttledAtDrop = Number.NaN;
  let throttledSettled = Number.NaN;
  const { drop } = c;
  const { run, stats, jobStats } = await runSyncCase({
    members: c.members,
    sim: { bap: { ...latencyAround(c.meanLatencyMs, c.spreadMs), maxConcurrent: c.cap, retryAfterSeconds: RETRY_AFTER_S } },
    jobSim: { bap: NOISE },
    timeoutMs: Math.max(120_000, minimum * 5_000),
    whileRunning: drop
      ? async (_session, sim) => {
        await new Promise((resolve) => setTimeout(resolve, drop.afterMs));
        throttledAtDrop = (await sim.stats()).throttled429.bap;
        await sim.configure({ bap: { maxConcurrent: drop.cap } });
        await new Promise((resolve) => setTimeout(resolve, drop.afterMs));
        throttledSettled = (await sim.stats()).throttled429.bap;
      }
      : undefined,
  });
  const addUserRequests = Object.entries(jobStats.routes.bap).filter(([route]) => route.includes('addUser')).reduce((sum, [, n]) => sum + n, 0);
  return [
    checked(scenario, 'members synced', run.synced, `of ${c.members}`, { op: '>=', limit: c.members }),
    checked(scenario, 'members failed', run.failed, '', { op: '<=', limit: 0 }),
    checked(scenario, 'addUser requests beyond one per member, 429 and 503 (0: each member added once)', addUserRequests - c.members - stats.throttled429.bap - stats.unavailable503.bap, '', { op: '<=', limit: 0 }),
    info(scenario, 'wall time (job start → finish)', run.jobMs / 1000, 's'),
    info(scenario, 'fault-adjusted minimum (N × latency / cap / (1 − 0.15) + one Retry-After)', minimum, 's'),
    checked(scenario, 'wall / fault-adjusted minimum', run.jobMs / 1000 / minimum, '×', { op: '<=', limit: 1.3 }),
    info(scenario, '429s received (BAP: the noise and the limit)', stats.throttled429.bap, ''),
    info(scenario, '429s expected from the noise alone (10% of addUser requests)', addUserRequests * NOISE.random429Rate, ''),
    info(scenario, '503s received (BAP)', stats.unavailable503.bap, ''),
    ...(drop
      ? [
        info(scenario, `429s in the ${drop.afterMs / 1000} s after the cap was lowered`, throttledSettled - throttledAtDrop, ''),
        info(scenario, `429s from then to the end`, stats.throttled429.bap - throttledSettled, ''),
      ]
      : []),
  ];
}

/** The theoretical minimum time of N addUser calls under the limit: N × latency / cap, or N / rps. */
function minimumSeconds(c: LimitCase): number {
  return 'cap' in c.limit ? (c.members * c.meanLatencyMs) / c.limit.cap / 1000 : c.members / c.limit.rps;
}

/** What every case reports: members synced, the wall time against the theoretical minimum (the target), 429s and requests. */
function limitRows(scenario: string, c: LimitCase, measured: { synced: number; wallSeconds: number; stats: SimStats }, labels = { synced: 'members synced', wall: 'wall time (job start → finish)' }): Row[] {
  const minimum = minimumSeconds(c);
  return [
    checked(scenario, labels.synced, measured.synced, `of ${c.members}`, { op: '>=', limit: c.members }),
    info(scenario, labels.wall, measured.wallSeconds, 's'),
    info(scenario, 'theoretical minimum', minimum, 's'),
    checked(scenario, 'wall / minimum', measured.wallSeconds / minimum, '×', { op: '<=', limit: 1.1 }),
    info(scenario, '429s received (BAP)', measured.stats.throttled429.bap, ''),
    ...requestRows(scenario, measured.stats),
  ];
}

/**
 * Scenario 1: how close a group sync gets to the service's admission limit, which the bot is never
 * told (it must find it from 429s).
 */
export const syncLimitScenario: Scenario = {
  id: 'sync-limit',
  async run(mode: Mode, progress) {
    const rows: Row[] = [];
    for (const c of mode === 'full' ? FULL : SMOKE) {
      const scenario = `1. Group sync vs the limit: ${c.label}`;
      progress(scenario);
      const limit = 'cap' in c.limit ? { maxConcurrent: c.limit.cap } : { requestsPerSecond: c.limit.rps };
      const minimum = minimumSeconds(c);
      const { run, stats, botPeakRssMb, cpu } = await runSyncCase({
        members: c.members,
        sim: { bap: { ...latencyAround(c.meanLatencyMs, c.spreadMs), ...limit } },
        timeoutMs: Math.max(120_000, minimum * 5_000),
      });
      rows.push(
        ...limitRows(scenario, c, { synced: run.synced, wallSeconds: run.jobMs / 1000, stats }),
        info(scenario, 'preview (sync message → preview card)', run.previewMs / 1000, 's'),
        info(scenario, 'peak RSS of the bot process', botPeakRssMb, 'MB'),
        ...cpuRows(scenario, cpu),
      );
    }
    for (const c of mode === 'full' ? NOISY_FULL : NOISY_SMOKE) {
      progress(`1. Group sync vs the limit: ${c.label}`);
      rows.push(...(await noisyRows(c)));
    }
    const c = mode === 'full' ? CLUSTER_FULL : CLUSTER_SMOKE;
    const scenario = `1. Group sync vs the limit: ${c.label}`;
    progress(scenario);
    const minimum = minimumSeconds(c);
    const run = await runClusterSync({
      members: c.members, instances: c.instances, timeoutMs: Math.max(180_000, minimum * 5_000),
      sim: { bap: { ...latencyAround(c.meanLatencyMs, c.spreadMs), maxConcurrent: c.limit.cap } },
    });
    rows.push(
      ...limitRows(scenario, c, { synced: run.synced, wallSeconds: run.wallMs / 1000, stats: run.stats }, {
        synced: 'members synced (one job per instance, started together)', wall: 'wall time (first job start → last job finish)',
      }),
      info(scenario, 'CPU time of the bot processes', run.botCpuSeconds, 's'),
      info(scenario, 'CPU time of the simulator process', run.simulatorCpuSeconds, 's'),
    );
    return rows;
  },
};
