import { checked, cpuRows, info, requestRows, type Row } from '../lib/results';
import type { Mode, Scenario } from '../lib/scenario';
import { runSyncCase } from '../lib/sync-case';

const LATENCY_MS = 5;
const CAP = 50;

/** Scenario 5: a very large group: memory of the bot process (VmHWM) and time against the limit. */
export const scaleScenario: Scenario = {
  id: 'scale',
  async run(mode: Mode, progress) {
    const members = mode === 'full' ? 50_000 : 1_000;
    const scenario = `5. Scale: ${members.toLocaleString('en-US')} members, ${LATENCY_MS} ms, cap ${CAP}`;
    progress(scenario);
    const { run, stats, botPeakRssMb, botMemoryMb, cpu } = await runSyncCase({ members, sim: { bap: { latencyMs: LATENCY_MS, jitterMs: 0, maxConcurrent: CAP } }, timeoutMs: 900_000 });
    const minimum = (members * LATENCY_MS) / CAP / 1000;
    return [
      checked(scenario, 'peak RSS of the bot process (VmHWM)', botPeakRssMb, 'MB', { op: '<=', limit: 400 }),
      checked(scenario, 'members synced', run.synced, `of ${members}`, { op: '>=', limit: members }),
      info(scenario, 'wall time (job start → finish)', run.jobMs / 1000, 's'),
      info(scenario, 'theoretical minimum (N × latency / cap)', minimum, 's'),
      info(scenario, 'wall / minimum', run.jobMs / 1000 / minimum, '×'),
      info(scenario, 'preview (sync message → preview card)', run.previewMs / 1000, 's'),
      info(scenario, 'bot V8 heap used, peak', botMemoryMb?.heapUsed ?? Number.NaN, 'MB'),
      info(scenario, 'bot V8 heap total, peak', botMemoryMb?.heapTotal ?? Number.NaN, 'MB'),
      info(scenario, 'bot external + array buffers, peak', (botMemoryMb?.external ?? Number.NaN) + (botMemoryMb?.arrayBuffers ?? Number.NaN), 'MB'),
      info(scenario, '429s received (BAP)', stats.throttled429.bap, ''),
      ...requestRows(scenario, stats),
      ...cpuRows(scenario, cpu),
    ] satisfies Row[];
  },
};
