import type { BotSession } from '../lib/bot-session';
import { checked, info, type Row } from '../lib/results';
import { percentile, type Mode, type Scenario } from '../lib/scenario';
import { latencyAround, runSyncCase } from '../lib/sync-case';

const GAP_MS = 50;

/**
 * Scenario 4: while a big group sync runs, `help` typed in Teams: the time from POST /api/messages
 * to the bot's first message back at the connector. `help` calls no Microsoft API, so this measures
 * the bot itself (event loop, store) under the sync's load, not the service's latency.
 */
export const responsivenessScenario: Scenario = {
  id: 'responsiveness',
  async run(mode: Mode, progress) {
    const members = mode === 'full' ? 10_000 : 600;
    const messages = mode === 'full' ? 100 : 10;
    const scenario = `4. Responsiveness: ${messages} messages during a ${members.toLocaleString('en-US')}-member sync (50 ms, cap 20)`;
    progress(scenario);
    const latencies: number[] = [];
    let duringJob = 0;
    const chat = async (session: BotSession): Promise<void> => {
      const running = session.store.prepare("SELECT count(*) FROM sync_jobs WHERE state = 'running'").pluck();
      for (let i = 0; i < messages; i += 1) {
        const { activityId, postedAt } = await session.send('help');
        const reply = await session.replyTo(activityId, (s) => s.activity.type === 'message', 30_000);
        latencies.push(reply.at - postedAt);
        if ((running.get() as number) > 0) duringJob += 1;
        await new Promise((resolve) => setTimeout(resolve, GAP_MS));
      }
    };
    const { run } = await runSyncCase({ members, sim: { bap: { ...latencyAround(50, 10), maxConcurrent: 20 } }, timeoutMs: 600_000, whileRunning: chat });
    return [
      checked(scenario, 'p99 time to first reply', percentile(latencies, 99), 'ms', { op: '<=', limit: 1000 }),
      info(scenario, 'p50 time to first reply', percentile(latencies, 50), 'ms'),
      info(scenario, 'max time to first reply', Math.max(...latencies), 'ms'),
      checked(scenario, 'replies received while the sync job was still running', duringJob, `of ${messages}`, { op: '>=', limit: messages }),
      info(scenario, 'members synced', run.synced, `of ${members}`),
    ] satisfies Row[];
  },
};
