import { withChatSession } from '../lib/chat-session';
import { cardOf } from '../lib/fake-connector';
import { checked, info, type Row } from '../lib/results';
import { percentile, type Mode, type Scenario } from '../lib/scenario';
import type { TenantFixture } from '../../src/sim/model';
import { contosoWithBenchGroup, manyEnvironmentsTenant, withDataverseEnvironments } from '../lib/tenant-fixture';

const LATENCY_MS = 100;
const TARGET_MS = 10_000;
/** 7b: the tenant of "check Jane everywhere" (300 environments, 200 with Dataverse). */
const MANY_TARGET_MS = 15_000;
/** Contoso has 10 environments with Dataverse (and one without). */
const CONTOSO_DATAVERSE_ENVIRONMENTS = 10;

/**
 * Scenario 7: an admin types `doctor`, a few times in a row; every simulated request takes 100 ms.
 * Wall time = POST /api/messages → the doctor card at the connector. The first run also fetches a token
 * for every environment (the token endpoint has no latency). The card must report every environment checked.
 * Then 7b: the same over the tenant of 3b, 300 environments with 200 with Dataverse.
 */
export const doctorScenario: Scenario = {
  id: 'doctor',
  async run(mode: Mode, progress) {
    const environments = mode === 'full' ? 50 : 12;
    const fixture = withDataverseEnvironments(contosoWithBenchGroup(0), environments - CONTOSO_DATAVERSE_ENVIRONMENTS);
    const many = manyEnvironmentsTenant(mode);
    return [
      ...(await doctorRuns(`7. Doctor: ${environments} Dataverse environments, ${LATENCY_MS} ms per request`, fixture, environments, mode === 'full' ? 5 : 2, TARGET_MS, progress)),
      ...(await doctorRuns(`7b. Doctor: ${many.total} environments (${many.dataverse} with Dataverse), ${LATENCY_MS} ms per request`, many.fixture, many.dataverse, mode === 'full' ? 3 : 1, MANY_TARGET_MS, progress)),
    ];
  },
};

async function doctorRuns(scenario: string, fixture: TenantFixture, environments: number, runs: number, targetMs: number, progress: (line: string) => void): Promise<Row[]> {
  progress(scenario);
  return withChatSession(fixture, LATENCY_MS, async (session, sim) => {
    const walls: number[] = [];
    let requests = { graph: 0, bap: 0, dataverse: 0 };
    for (let i = 0; i < runs; i += 1) {
      await sim.clearStats();
      const { activityId, postedAt } = await session.send('doctor');
      const reply = await session.replyTo(activityId, (s) => s.activity.type === 'message', 60_000);
      const card = JSON.stringify(cardOf(reply) ?? reply.activity.text ?? '');
      if (!card.includes(`of ${environments} environments with Dataverse`)) throw new Error(`doctor did not check ${environments} environments: ${card.slice(0, 600)}`);
      walls.push(reply.at - postedAt);
      const stats = await sim.stats();
      requests = { graph: stats.requests.graph, bap: stats.requests.bap, dataverse: stats.requests.dataverse };
    }
    const total = requests.graph + requests.bap + requests.dataverse;
    return [
      checked(scenario, `wall time (doctor message → card), max of ${runs} runs`, Math.max(...walls), 'ms', { op: '<=', limit: targetMs }),
      info(scenario, 'wall time, median', percentile(walls, 50), 'ms'),
      info(scenario, 'wall time, first run (also fetches a token per environment)', walls[0] ?? Number.NaN, 'ms'),
      info(scenario, 'Graph requests per run', requests.graph, ''),
      info(scenario, 'BAP requests per run', requests.bap, ''),
      info(scenario, 'Dataverse requests per run', requests.dataverse, ''),
      info(scenario, `the same requests one after another (× ${LATENCY_MS} ms)`, total * LATENCY_MS, 'ms'),
    ] satisfies Row[];
  });
}
