import type { SimStats } from '../../src/sim/server';
import { checked, cpuRows, info, requestRows, type Row } from '../lib/results';
import type { Mode, Scenario } from '../lib/scenario';
import { latencyAround, runSyncCase } from '../lib/sync-case';

interface RoleCase {
  label: string;
  members: number;
  meanLatencyMs: number;
  spreadMs: number;
  cap: number;
}

const FULL: RoleCase[] = [{ label: '1,000 members, 500 ms, cap 10', members: 1_000, meanLatencyMs: 500, spreadMs: 100, cap: 10 }];
const SMOKE: RoleCase[] = [{ label: '200 members, 20 ms, cap 10', members: 200, meanLatencyMs: 20, spreadMs: 4, cap: 10 }];
const ROLE = 'Finance Clerk';

/** The role step's Dataverse requests: the read of the role's copies with their holders, and the $batch requests. */
function roleStepRequests(jobStats: SimStats): { reads: number; batches: number } {
  const count = (match: RegExp) => Object.entries(jobStats.routes.dataverse).filter(([route]) => match.test(route)).reduce((n, [, c]) => n + c, 0);
  return { reads: count(/^GET .*\/roles$/), batches: count(/^POST .*\$batch$/) };
}

/**
 * Scenario 9 (issue 13): a group sync with a role, `sync Benchmark Testers to UAT as Finance Clerk`,
 * under the same addUser limit as scenario 1. The job is every addUser, the visibility check and the
 * role step ($batch); its wall time is held to the same 1.15 × the addUser minimum, and the role step to
 * ceil(N / 1,000) × 2 + 4 Dataverse requests.
 */
export const syncRoleScenario: Scenario = {
  id: 'sync-role',
  async run(mode: Mode, progress) {
    const rows: Row[] = [];
    for (const c of mode === 'full' ? FULL : SMOKE) {
      const scenario = `9. Group sync with a role: ${c.label}`;
      progress(scenario);
      const minimum = (c.members * c.meanLatencyMs) / c.cap / 1000;
      const { run, stats, jobStats, botPeakRssMb, cpu } = await runSyncCase({
        members: c.members,
        suffix: `as ${ROLE}`,
        sim: { bap: { ...latencyAround(c.meanLatencyMs, c.spreadMs), maxConcurrent: c.cap } },
        timeoutMs: Math.max(120_000, minimum * 5_000),
      });
      // the same sync without a role, right after, so the role step's cost is read under the same load
      const plain = await runSyncCase({
        members: c.members,
        sim: { bap: { ...latencyAround(c.meanLatencyMs, c.spreadMs), maxConcurrent: c.cap } },
        timeoutMs: Math.max(120_000, minimum * 5_000),
      });
      const wall = run.jobMs / 1000;
      const plainWall = plain.run.jobMs / 1000;
      const step = roleStepRequests(jobStats);
      rows.push(
        checked(scenario, 'members synced', run.synced, `of ${c.members}`, { op: '>=', limit: c.members }),
        checked(scenario, `members holding ${ROLE} after the job`, run.roleAssigned, `of ${c.members}`, { op: '>=', limit: c.members }),
        info(scenario, 'wall time (job start → finish, role step included)', wall, 's'),
        info(scenario, 'theoretical minimum (addUser alone)', minimum, 's'),
        checked(scenario, 'wall / minimum', wall / minimum, '×', { op: '<=', limit: 1.15 }),
        info(scenario, 'the same sync without a role, run right after: wall time', plainWall, 's'),
        info(scenario, 'the same sync without a role: wall / minimum', plainWall / minimum, '×'),
        checked(scenario, 'Dataverse requests of the role step', step.reads + step.batches, '', { op: '<=', limit: Math.ceil(c.members / 1000) * 2 + 4 }),
        info(scenario, '$batch requests', step.batches, ''),
        info(scenario, '429s received (BAP)', stats.throttled429.bap, ''),
        ...requestRows(scenario, stats),
        info(scenario, 'preview (sync message → preview card)', run.previewMs / 1000, 's'),
        info(scenario, 'peak RSS of the bot process', botPeakRssMb, 'MB'),
        ...cpuRows(scenario, cpu),
      );
    }
    return rows;
  },
};
