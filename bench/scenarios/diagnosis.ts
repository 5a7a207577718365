import type { SimStats } from '../../src/sim/server';
import { withChatSession } from '../lib/chat-session';
import { cardOf } from '../lib/fake-connector';
import { checked, info, type Row } from '../lib/results';
import { percentile, type Mode, type Scenario } from '../lib/scenario';
import { contosoWithBenchGroup, manyEnvironmentsTenant } from '../lib/tenant-fixture';

const LATENCY_MS = 100;
/** Contoso people by display name, by UPN, a guest, a disabled account, and generated Sales reps. */
const PEOPLE = [
  'Jane Doe', 'priya.patel@contoso.com', 'Hannah Weber', 'tom.becker@contoso.com', 'Fatima Khan', 'Lucas Martin', 'ravi.iyer@contoso.com',
  'Alex Kim', 'Nadia Rahman', 'wei.zhang@contoso.com', 'Omar Farouk', 'José Ñúñez', 'Siobhan O\'Brien', 'emma.schultz@contoso.com',
  'sales.rep17@contoso.onmicrosoft.com', 'sales.rep2301@contoso.onmicrosoft.com', 'sales.rep1999@contoso.onmicrosoft.com', 'Kenji Sato', 'Paula Silva',
];
const ENVIRONMENTS = ['UAT', 'UAT Finance', 'Contoso Production', 'Field Inspections', 'Finance Team', 'Contoso Trial', 'Finance Reporting', 'Marketing Sites'];
const VERDICTS = /Can access|Blocked|Will get in once synced|At risk/;

type Counts = Record<'graph' | 'bap' | 'dataverse', number>;
const counts = (s: SimStats): Counts => ({ graph: s.requests.graph, bap: s.requests.bap, dataverse: s.requests.dataverse });

/** Teams counts a message in UTF-16 and recommends staying at or under 80 KB (the limit is about 100 KB). */
const TEAMS_CARD_BYTES = 80 * 1024;
const EVERYWHERE_TARGET_MS = 3_000;
const DATAVERSE_REQUESTS_PER_ENVIRONMENT = 3;

/**
 * Scenario 3: "why can't <person> access <environment>" typed in Teams, one after another, with
 * every simulated request taking 100 ms; latency is POST /api/messages → the diagnosis card.
 * Then 3b: "check Jane everywhere" in a tenant with 300 environments, 200 with Dataverse.
 */
export const diagnosisScenario: Scenario = {
  id: 'diagnosis',
  async run(mode: Mode, progress) {
    return [...(await oneEnvironmentAtATime(mode, progress)), ...(await everywhere(mode, progress))];
  },
};

async function oneEnvironmentAtATime(mode: Mode, progress: (line: string) => void): Promise<Row[]> {
  const total = mode === 'full' ? 200 : 8;
  const scenario = `3. Diagnosis: ${total} diagnoses, ${LATENCY_MS} ms per request`;
  progress(scenario);
  return withChatSession(contosoWithBenchGroup(0), LATENCY_MS, async (session, sim) => {
    const latencies: number[] = [];
    const perDiagnosis: Counts[] = [];
    for (let i = 0; i < total; i += 1) {
      const person = PEOPLE[i % PEOPLE.length] as string;
      const environment = ENVIRONMENTS[(i * 3 + Math.floor(i / PEOPLE.length)) % ENVIRONMENTS.length] as string;
      const before = counts(await sim.stats());
      const { activityId, postedAt } = await session.send(`why can't ${person} access ${environment}`);
      const reply = await session.replyTo(activityId, (s) => s.activity.type === 'message', 30_000);
      const card = JSON.stringify(cardOf(reply) ?? reply.activity.text ?? '');
      if (!VERDICTS.test(card)) throw new Error(`"why can't ${person} access ${environment}" did not answer with a diagnosis: ${card.slice(0, 500)}`);
      latencies.push(reply.at - postedAt);
      const after = counts(await sim.stats());
      perDiagnosis.push({ graph: after.graph - before.graph, bap: after.bap - before.bap, dataverse: after.dataverse - before.dataverse });
    }
    const mean = (key: keyof Counts) => perDiagnosis.reduce((sum, c) => sum + c[key], 0) / perDiagnosis.length;
    const max = (key: keyof Counts) => Math.max(...perDiagnosis.map((c) => c[key]));
    return [
      checked(scenario, 'p50 latency', percentile(latencies, 50), 'ms', { op: '<=', limit: 4 * LATENCY_MS }),
      info(scenario, 'p95 latency', percentile(latencies, 95), 'ms'),
      info(scenario, 'max latency (first, cold caches and tokens)', Math.max(...latencies), 'ms'),
      checked(scenario, 'Graph requests per diagnosis (max)', max('graph'), '', { op: '<=', limit: 6 }),
      info(scenario, 'Graph requests per diagnosis (mean)', mean('graph'), ''),
      info(scenario, 'BAP requests per diagnosis (mean)', mean('bap'), ''),
      info(scenario, 'Dataverse requests per diagnosis (mean)', mean('dataverse'), ''),
      info(scenario, 'Dataverse requests per diagnosis (max)', max('dataverse'), ''),
    ] satisfies Row[];
  });
}

/**
 * 3b: "check Jane everywhere", a few times in a row, every simulated request taking 100 ms: wall time POST
 * /api/messages → the card. The first run also lists the environments (BAP pages) and fetches a token per
 * Dataverse environment; later ones find the environments in the tenant cache (60 s). The simulator counts the
 * Dataverse requests per organization; the card's size is its JSON in UTF-16, as Teams counts it.
 */
async function everywhere(mode: Mode, progress: (line: string) => void): Promise<Row[]> {
  const tenant = manyEnvironmentsTenant(mode);
  const runs = mode === 'full' ? 7 : 2;
  const scenario = `3b. Check everywhere: ${tenant.total} environments (${tenant.dataverse} with Dataverse), ${LATENCY_MS} ms per request`;
  progress(scenario);
  return withChatSession(tenant.fixture, LATENCY_MS, async (session, sim) => {
    const walls: number[] = [];
    const perEnvironment: number[] = [];
    const perRun: Counts[] = [];
    let card = '';
    for (let i = 0; i < runs; i += 1) {
      await sim.clearStats();
      const { activityId, postedAt } = await session.send('check Jane everywhere');
      const reply = await session.replyTo(activityId, (s) => s.activity.type === 'message', 60_000);
      card = JSON.stringify(cardOf(reply) ?? reply.activity.text ?? '');
      if (!card.includes(`of ${tenant.total} environments`)) throw new Error(`"check Jane everywhere" did not check ${tenant.total} environments: ${card.slice(0, 500)}`);
      walls.push(reply.at - postedAt);
      const stats = await sim.stats();
      const orgs = Object.values(stats.dataverseByOrg);
      if (orgs.length !== tenant.dataverse) throw new Error(`"check Jane everywhere" read ${orgs.length} of ${tenant.dataverse} Dataverse environments`);
      perEnvironment.push(Math.max(...orgs));
      perRun.push(counts(stats));
    }
    const later = perRun.slice(1);
    const mean = (key: keyof Counts) => later.reduce((sum, c) => sum + c[key], 0) / later.length;
    return [
      checked(scenario, `p50 latency (message → card), ${runs} runs`, percentile(walls, 50), 'ms', { op: '<=', limit: EVERYWHERE_TARGET_MS }),
      info(scenario, 'first run (also lists the environments and fetches a token per Dataverse environment)', walls[0] ?? Number.NaN, 'ms'),
      info(scenario, 'max latency', Math.max(...walls), 'ms'),
      checked(scenario, 'Dataverse requests per Dataverse environment (max over environments and runs)', Math.max(...perEnvironment), '', { op: '<=', limit: DATAVERSE_REQUESTS_PER_ENVIRONMENT }),
      info(scenario, 'Dataverse requests per run', mean('dataverse'), ''),
      info(scenario, 'Graph requests per run (after the first)', mean('graph'), ''),
      info(scenario, 'BAP requests, first run', perRun[0]?.bap ?? Number.NaN, ''),
      checked(scenario, 'card size (JSON in UTF-16, as Teams counts)', card.length * 2, 'bytes', { op: '<=', limit: TEAMS_CARD_BYTES }),
    ] satisfies Row[];
  });
}
