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
    checked(scenario, 'wall / minimum', measured.wallSeconds / minimum, '×', { op: '<=', limit: 1.15 }),
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
