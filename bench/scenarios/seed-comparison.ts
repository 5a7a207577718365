import { runSeedLoop } from '../baseline-seed-loop';
import { checked, info, type Row } from '../lib/results';
import type { Mode, Scenario } from '../lib/scenario';
import { startSimulatorProcess } from '../lib/simulator-process';
import { latencyAround, syncWithBot } from '../lib/sync-case';
import { BENCH_GROUP, contosoWithBenchGroup, UAT } from '../lib/tenant-fixture';

const BAP_API_VERSION = '2020-10-01';

/**
 * Scenario 2: the bot against the seed's PowerShell loop on the same simulated tenant: every request
 * takes 50 ms (±5) on Graph, BAP and Dataverse, and BAP admits 20 requests at a time (the bot is not
 * told). The simulator is reset between the two runs, so both add the same N users from scratch.
 */
export const seedComparisonScenario: Scenario = {
  id: 'seed',
  async run(mode: Mode, progress) {
    const members = mode === 'full' ? 1_000 : 40;
    const scenario = `2. Against the seed: ${members.toLocaleString('en-US')} members, 50 ms per request, BAP cap 20`;
    const latency = latencyAround(50, 10);
    const fixture = contosoWithBenchGroup(members);
    const sim = await startSimulatorProcess(fixture, { graph: latency, bap: { ...latency, maxConcurrent: 20 }, dataverse: latency });
    try {
      progress(`${scenario}: the bot`);
      const ours = await syncWithBot(sim, fixture, { timeoutMs: 600_000 });
      await sim.reset();
      await sim.clearStats();
      progress(`${scenario}: the seed's loop`);
      const app = fixture.apps.find((a) => a.managementApp) ?? fixture.apps[0];
      const seed = await runSeedLoop({
        origin: sim.origin, tenantId: fixture.tenant.id, clientId: app?.clientId ?? '', clientSecret: app?.clientSecret ?? '',
        groupId: BENCH_GROUP.id, environmentId: UAT.environmentId, bapApiVersion: BAP_API_VERSION,
      });
      const seedStats = await sim.stats();
      // The bot's time includes what the seed never does: the preview with a prediction per member and the Dataverse visibility check.
      const oursSeconds = (ours.run.previewMs + ours.run.jobMs) / 1000;
      const jobMinimumSeconds = (members * 50) / 20 / 1000;
      const budget = Math.ceil(members / 999) + Math.ceil(ours.securityGroupSize / 999) + 6;
      return [
        checked(scenario, 'bot: members synced', ours.run.synced, `of ${members}`, { op: '>=', limit: members }),
        checked(scenario, 'seed loop: members synced', seed.succeeded, `of ${members}`, { op: '>=', limit: members }),
        info(scenario, 'bot: wall time (sync message → job finished, minus the click)', oursSeconds, 's'),
        info(scenario, 'bot: of which the preview (sync message → preview card)', ours.run.previewMs / 1000, 's'),
        info(scenario, 'bot: of which the job (all addUser calls + visibility check)', ours.run.jobMs / 1000, 's'),
        info(scenario, 'bot: the job\'s theoretical minimum (N × 50 ms / cap 20)', jobMinimumSeconds, 's'),
        checked(scenario, 'bot: job / minimum', ours.run.jobMs / 1000 / jobMinimumSeconds, '×', { op: '<=', limit: 1.1 }),
        info(scenario, 'seed loop: wall time', seed.wallMs / 1000, 's'),
        checked(scenario, 'speed-up (seed time / bot time)', seed.wallMs / 1000 / oursSeconds, '×', { op: '>=', limit: 20 }),
        checked(scenario, `bot: Graph requests (budget ceil(N/999)+ceil(M/999)+6, M = ${ours.securityGroupSize})`, ours.stats.requests.graph, '', { op: '<=', limit: budget }),
        info(scenario, 'seed loop: Graph requests', seedStats.requests.graph, ''),
        info(scenario, 'bot: BAP requests', ours.stats.requests.bap, ''),
        info(scenario, 'seed loop: BAP requests', seedStats.requests.bap, ''),
        info(scenario, 'bot: 429s received (BAP)', ours.stats.throttled429.bap, ''),
      ] satisfies Row[];
    } finally {
      await sim.stop();
    }
  },
};
