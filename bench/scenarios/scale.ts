import { checked, cpuRows, info, requestRows, type Row } from '../lib/results';
import type { Mode, Scenario } from '../lib/scenario';
import { runSyncCase, type SyncCaseResult } from '../lib/sync-case';

const LATENCY_MS = 5;
const CAP = 50;
/** The larger group is this many times the base one: cost that grows linearly makes its wall time about this many times longer. */
const GROWTH = 4;

const title = (members: number): string => `5. Scale: ${members.toLocaleString('en-US')} members, ${LATENCY_MS} ms, cap ${CAP}`;

function syncMembers(members: number): Promise<SyncCaseResult> {
  return runSyncCase({ members, sim: { bap: { latencyMs: LATENCY_MS, jitterMs: 0, maxConcurrent: CAP } }, timeoutMs: 1_800_000 });
}

/**
 * Scenario 5: a very large group, then one GROWTH times larger in the same run: memory of the bot
 * process (VmHWM), time against the limit, the bot's CPU per member, and whether the cost grows
 * linearly (the wall time ratio of the two).
 */
export const scaleScenario: Scenario = {
  id: 'scale',
  async run(mode: Mode, progress) {
    const members = mode === 'full' ? 50_000 : 1_000;
    const scenario = title(members);
    progress(scenario);
    const base = await syncMembers(members);
    const { run, stats, botPeakRssMb, botMemoryMb, cpu } = base;
    const minimum = (members * LATENCY_MS) / CAP / 1000;
    const rows: Row[] = [
      checked(scenario, 'peak RSS of the bot process (VmHWM)', botPeakRssMb, 'MB', { op: '<=', limit: 400 }),
      checked(scenario, 'members synced', run.synced, `of ${members}`, { op: '>=', limit: members }),
      info(scenario, 'wall time (job start → finish)', run.jobMs / 1000, 's'),
      info(scenario, 'theoretical minimum (N × latency / cap)', minimum, 's'),
      info(scenario, 'wall / minimum', run.jobMs / 1000 / minimum, '×'),
      info(scenario, 'preview (sync message → preview card)', run.previewMs / 1000, 's'),
      checked(scenario, 'bot CPU per synced member (sync message → job finished)', (cpu.bot * 1000) / Math.max(1, run.synced), 'ms', { op: '<=', limit: 0.3 }),
      info(scenario, 'bot V8 heap used, peak', botMemoryMb?.heapUsed ?? Number.NaN, 'MB'),
      info(scenario, 'bot V8 heap total, peak', botMemoryMb?.heapTotal ?? Number.NaN, 'MB'),
      info(scenario, 'bot external + array buffers, peak', (botMemoryMb?.external ?? Number.NaN) + (botMemoryMb?.arrayBuffers ?? Number.NaN), 'MB'),
      info(scenario, '429s received (BAP)', stats.throttled429.bap, ''),
      ...requestRows(scenario, stats),
      ...cpuRows(scenario, cpu),
    ];

    const largeMembers = members * GROWTH;
    const large = title(largeMembers);
    progress(large);
    let big: SyncCaseResult;
    let again: { base: SyncCaseResult; big: SyncCaseResult };
    try {
      big = await syncMembers(largeMembers);
      // Both sizes once more, each in fresh processes: on a shared machine one wall time can be 20% off, so the
      // ratio compares the faster of each size's two runs. Memory takes the higher of the two large runs.
      progress(`${scenario}, second run`);
      const base2 = await syncMembers(members);
      progress(`${large}, second run`);
      again = { base: base2, big: await syncMembers(largeMembers) };
    } catch (error) {
      // The base case's rows still count; the larger case's targets fail with the reason on stderr.
      progress(`${large} could not run: ${error instanceof Error ? error.message : String(error)}`);
      return [
        ...rows,
        checked(large, 'peak RSS of the bot process (VmHWM)', Number.NaN, 'MB', { op: '<=', limit: 320 }),
        checked(large, 'members synced', 0, `of ${largeMembers}`, { op: '>=', limit: largeMembers }),
      ];
    }
    const fasterBase = Math.min(run.jobMs, again.base.run.jobMs);
    const fasterBig = Math.min(big.run.jobMs, again.big.run.jobMs);
    return [
      ...rows,
      info(scenario, 'wall time, second run', again.base.run.jobMs / 1000, 's'),
      checked(scenario, 'members synced, second run', again.base.run.synced, `of ${members}`, { op: '>=', limit: members }),
      checked(large, 'peak RSS of the bot process (VmHWM), higher of two runs', Math.max(big.botPeakRssMb, again.big.botPeakRssMb), 'MB', { op: '<=', limit: 320 }),
      checked(large, 'members synced', Math.min(big.run.synced, again.big.run.synced), `of ${largeMembers}`, { op: '>=', limit: largeMembers }),
      info(large, 'wall time (job start → finish)', big.run.jobMs / 1000, 's'),
      info(large, 'wall time, second run', again.big.run.jobMs / 1000, 's'),
      checked(large, `faster wall time / faster wall time at ${members.toLocaleString('en-US')} (two runs each; ${GROWTH} × the members)`, fasterBig / fasterBase, '×', { op: '<=', limit: 4.4 }),
      info(large, 'preview (sync message → preview card)', big.run.previewMs / 1000, 's'),
      info(large, 'bot CPU per synced member (sync message → job finished)', (big.cpu.bot * 1000) / Math.max(1, big.run.synced), 'ms'),
      info(large, 'bot V8 heap used, peak', big.botMemoryMb?.heapUsed ?? Number.NaN, 'MB'),
      info(large, '429s received (BAP)', big.stats.throttled429.bap, ''),
      ...requestRows(large, big.stats),
      ...cpuRows(large, big.cpu),
    ];
  },
};
