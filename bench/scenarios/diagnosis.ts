import type { SimStats } from '../../src/sim/server';
import { withChatSession } from '../lib/chat-session';
import { cardOf } from '../lib/fake-connector';
import { checked, info, type Row } from '../lib/results';
import { percentile, type Mode, type Scenario } from '../lib/scenario';
import { contosoWithBenchGroup } from '../lib/tenant-fixture';

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

/**
 * Scenario 3: "why can't <person> access <environment>" typed in Teams, one after another, with
 * every simulated request taking 100 ms; latency is POST /api/messages → the diagnosis card.
 */
export const diagnosisScenario: Scenario = {
  id: 'diagnosis',
  async run(mode: Mode, progress) {
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
  },
};
