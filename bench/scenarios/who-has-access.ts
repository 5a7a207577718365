import { withChatSession } from '../lib/chat-session';
import { cardOf } from '../lib/fake-connector';
import { checked, info, type Row } from '../lib/results';
import { percentile, type Mode, type Scenario } from '../lib/scenario';
import { contosoWithBenchGroup, UAT, uatSecurityGroupSize, withUatRows } from '../lib/tenant-fixture';

const LATENCY_MS = 50;

/**
 * Scenario 10: "who has access to UAT" with M people in its security group and U in its Dataverse (M = U = 20,000;
 * 2,000 in --smoke), every simulated request taking 50 ms. The reads go in pages, never one request per person:
 * at most ceil(M / 999) + 2 Graph requests and ceil(U / 5,000) + 2 Dataverse requests (issue 13).
 */
export const whoHasAccessScenario: Scenario = {
  id: 'who-has-access',
  async run(mode: Mode, progress) {
    const size = mode === 'full' ? 20_000 : 2_000;
    const runs = mode === 'full' ? 3 : 1;
    const scenario = `10. Who has access: M = U = ${size.toLocaleString('en-US')}, ${LATENCY_MS} ms per request`;
    progress(scenario);
    const fixture = withUatRows(contosoWithBenchGroup(size), size);
    const members = uatSecurityGroupSize(fixture);
    const rows = fixture.environments.find((e) => e.id === UAT.environmentId)?.dataverse?.systemUsers.length ?? 0;
    return withChatSession(fixture, LATENCY_MS, async (session, sim) => {
      const walls: number[] = [];
      let requests = { graph: 0, dataverse: 0 };
      for (let i = 0; i < runs; i += 1) {
        await sim.clearStats();
        const { activityId, postedAt } = await session.send('who has access to UAT');
        const reply = await session.replyTo(activityId, (s) => s.activity.type === 'message', 120_000);
        const card = JSON.stringify(cardOf(reply) ?? reply.activity.text ?? '');
        if (!card.includes(`${(size / 10).toLocaleString('en-US')}**`)) throw new Error(`the card does not count the ${size / 10} without a role: ${card.slice(0, 600)}`);
        walls.push(reply.at - postedAt);
        const stats = await sim.stats();
        // The first run also reads the environments and the SKUs, which later runs find in the tenant cache.
        if (i === 0) requests = { graph: stats.requests.graph, dataverse: stats.requests.dataverse };
      }
      return [
        checked(scenario, `Graph requests (budget ceil(M/999) + 2, M = ${members.toLocaleString('en-US')})`, requests.graph, '', { op: '<=', limit: Math.ceil(members / 999) + 2 }),
        checked(scenario, `Dataverse requests (budget ceil(U/5,000) + 2, U = ${rows.toLocaleString('en-US')})`, requests.dataverse, '', { op: '<=', limit: Math.ceil(rows / 5000) + 2 }),
        info(scenario, 'wall time (message → card), first run', walls[0] ?? Number.NaN, 'ms'),
        info(scenario, `wall time, median of ${runs}`, percentile(walls, 50), 'ms'),
      ] satisfies Row[];
    });
  },
};
