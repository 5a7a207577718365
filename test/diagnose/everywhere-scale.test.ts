/**
 * "Check Jane everywhere" in a tenant with 300 environments, 200 with Dataverse (issue 18): the person's Graph
 * facts are read once, each Dataverse environment at most 3 times, environments a bounded number at a time, and
 * the card stays under Teams' limit with the problems first and the rest summarised.
 */
import pino from 'pino';
import { benchStandingOf, contosoWithBenchGroup, JANE, withManyEnvironments } from '../../bench/lib/tenant-fixture';
import type { Deps } from '../../src/app/deps';
import { EVERYWHERE_CONCURRENCY, runDiagnosis } from '../../src/features/diagnose/run-diagnosis';
import type { RequestEvent } from '../../src/gateways/http/request-event';
import { cardOf, cardStrings, createTestBot, messagesOf } from '../helpers/bot-harness';
import { cardPayloadBytes, asShown, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/card-check';
import { startHarness, testConfig, type Harness } from '../gateways/helpers/sim-gateways';
import type { Card } from '../sync/helpers/run-group-sync';

const fixture = () => withManyEnvironments(contosoWithBenchGroup(0), { total: 300, dataverse: 200, personId: JANE.id });
/** Contoso's 10 environments with Dataverse, then 190 generated ones. */
const GENERATED = Array.from({ length: 190 }, (_, i) => benchStandingOf(i));
const generated = (standing: string) => GENERATED.filter((s) => s === standing).length;

/** The organisation a Dataverse request went to (`…/dataverse/{org}/api/data/…` in the simulated tenant). */
const orgOf = (event: RequestEvent) => /\/dataverse\/([^/]+)\//.exec(event.url)?.[1] ?? '?';

describe('"check Jane everywhere" with 300 environments, 200 with Dataverse', () => {
  let harness: Harness;
  let deps: Pick<Deps, 'graph' | 'powerPlatform' | 'dataverse' | 'now' | 'log' | 'config'>;
  beforeAll(async () => {
    harness = await startHarness({ fixture: fixture() });
    deps = { ...harness.gateways, now: Date.now, log: pino({ level: 'silent' }), config: testConfig(harness.sim) };
  });
  afterAll(() => harness.close());

  it('reads the person once from Graph and each Dataverse environment with at most 3 requests', async () => {
    harness.events.length = 0;
    const outcome = await runDiagnosis(deps, { user: 'Jane Doe', environment: null, everywhere: true });
    expect(outcome.kind === 'everywhere' && outcome.rows.length).toBe(300);
    const perOrg = new Map<string, number>();
    for (const e of harness.events.filter((e) => e.surface === 'dataverse')) perOrg.set(orgOf(e), (perOrg.get(orgOf(e)) ?? 0) + 1);
    expect(perOrg.size).toBe(200);
    expect(Math.max(...perOrg.values())).toBeLessThanOrEqual(3);
    expect(harness.sim.stats().dataverseByOrg).toEqual(Object.fromEntries(perOrg)); // the simulator counts the same per organization
    const graph = (operation: string) => harness.events.filter((e) => e.surface === 'graph' && e.operation === operation).length;
    expect(graph('users/{id}/memberOf')).toBe(1);
    expect(graph('users/{id}/transitiveMemberOf')).toBe(1);
    // Owners and names only of the security groups Jane is not in: UAT's, Finance Team's and the generated ones.
    expect(graph('groups/{id}/owners')).toBe(2 + generated('not-in-group'));
    expect(graph('groups/{id}')).toBe(2 + generated('not-in-group'));
  });

  it(`checks environments in parallel, never more than ${EVERYWHERE_CONCURRENCY} at once (2 Dataverse reads each)`, async () => {
    const latency = { latencyMs: 20, jitterMs: 0 };
    harness.sim.setConfig({ graph: latency, bap: latency, dataverse: latency });
    try {
      await runDiagnosis({ ...deps }, { user: 'Jane Doe', environment: null, everywhere: true });
      const peak = harness.sim.stats().peakConcurrency.dataverse;
      expect(peak).toBeLessThanOrEqual(2 * EVERYWHERE_CONCURRENCY);
      expect(peak).toBeGreaterThan(2 * 4); // more than the 4 environments at a time it used to check
    } finally {
      harness.sim.setConfig({ graph: { latencyMs: 0 }, bap: { latencyMs: 0 }, dataverse: { latencyMs: 0 } });
    }
  });
});

describe('the everywhere card in a tenant with 300 environments', () => {
  it('lists the problems first, sums up the rest with their names behind a button, and stays under 80 KB', async () => {
    const bot = await createTestBot({ fixture: fixture() });
    try {
      const card = cardOf(messagesOf(await bot.send('check Jane everywhere'))[0]) as Card;
      expectValidCard(card);
      expect(cardPayloadBytes(card)).toBeLessThan(MAX_CARD_BYTES);
      const text = asShown(cardText(card));
      const canGetIn = 2 + generated('in');
      expect(text).toContain(`jane.doe@contoso.com: can get into ${canGetIn} of 300 environments; 1 I couldn't check.`);
      const verdicts = [...cardStrings(card).matchAll(/^(Blocked|Couldn't check|Will get in once synced|At risk|Can access): /gm)].map((m) => m[1]);
      expect(verdicts).toHaveLength(25);
      expect(verdicts).not.toContain('Can access');
      expect(verdicts.slice(0, 4 + generated('not-in-group'))).toEqual(Array(4 + generated('not-in-group')).fill('Blocked'));
      expect(text).toContain(`🔄 ${3 + generated('not-added') - 1} more environments where Jane Doe will get in once synced`);
      expect(text).toContain('🚫 100 environments without a Dataverse database: nobody can be added to them.\nShow the 100\nMarketing Sites, Bench No Database 001,');
      expect(text).toContain(`✅ ${canGetIn} environments where Jane Doe can get in.\nShow the ${canGetIn}\nContoso (default), Contoso Production, Bench Env 002,`);
    } finally {
      await bot.close();
    }
  });
});
