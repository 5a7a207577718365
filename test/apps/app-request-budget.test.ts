import type { Deps } from '../../src/app/deps';
import { appCatalogue } from '../../src/features/apps/app-catalogue';
import { appsForPerson } from '../../src/features/apps/apps-for-person';
import { diagnoseApp } from '../../src/features/apps/diagnose-app';
import { runDiagnosis } from '../../src/features/diagnose/run-diagnosis';
import { tenantCache } from '../../src/gateways/tenant-cache';
import type { SimCanvasApp } from '../../src/sim/model';
import { createTestBot, type TestBot } from '../helpers/bot-harness';

/** Issue 14 "Fast": an app diagnosis costs at most 2 requests more than the environment's; a list of apps is read in pages. */
const PRODUCTION = '667c2848-72a8-4a03-a959-694b017ae7fd';
let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(async () => bot.close());

const total = () => {
  const { requests } = bot.sim.stats();
  return requests.graph + requests.bap + requests.powerApps + requests.dataverse;
};
async function count(work: () => Promise<unknown>): Promise<number> {
  const before = total();
  await work();
  return total() - before;
}

/** Fresh caches (one set per deps object), tokens and the tenant-wide lists warm. */
async function freshDeps(): Promise<Deps> {
  const deps = { ...bot.deps };
  await runDiagnosis(deps, { user: 'Priya Patel', environment: 'Contoso Production', everywhere: false });
  return deps;
}

const environmentCheck = (deps: Deps) => count(() => runDiagnosis(deps, { user: 'Jane Doe', environment: 'Contoso Production', everywhere: false }));
const appCheck = (deps: Deps, app: string) => count(async () => expect((await diagnoseApp(deps, { user: 'Jane Doe', app, environment: 'Contoso Production', everywhere: false, mayBeEnvironment: false })).kind).toBe('diagnosis'));

describe('requests per app diagnosis', () => {
  it.each(['Budget Planner', 'Expense Tracker'])('with the app names known, %s costs at most 2 requests more than the environment alone', async (app) => {
    const deps = await freshDeps();
    const production = (await tenantCache(deps).environments()).find((e) => e.id === PRODUCTION)!;
    await appCatalogue(deps).environment(production);
    const environment = await environmentCheck(deps);
    const withApp = await appCheck(deps, app);
    expect(withApp - environment).toBeGreaterThanOrEqual(1);
    expect(withApp - environment).toBeLessThanOrEqual(2);
  });

  it('with nothing known yet, a model-driven app costs 2 more: the environment\'s two app lists, its roles read with them', async () => {
    const deps = await freshDeps();
    const environment = await environmentCheck(deps);
    expect((await appCheck(deps, 'Expense Tracker')) - environment).toBe(2);
  });

  it('which apps: the environment\'s apps in pages of 250 with the person\'s role expanded, never one request per app', async () => {
    const env = bot.sim.state().environmentsById.get(PRODUCTION)!;
    const template = env.canvasApps![0]!;
    const added: SimCanvasApp[] = Array.from({ length: 300 }, (_, i) => ({ ...structuredClone(template), id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Generated ${i}` }));
    env.canvasApps!.push(...added);
    try {
      const deps = await freshDeps();
      const environment = await environmentCheck(deps);
      const before = bot.sim.stats().requests.powerApps;
      let rows = 0;
      const all = await count(async () => {
        const outcome = await appsForPerson(deps, { user: 'Jane Doe', environment: 'Contoso Production' });
        rows = outcome.kind === 'apps' ? outcome.rows.length : 0;
      });
      expect(rows).toBe(303);
      expect(bot.sim.stats().requests.powerApps - before).toBe(2);
      expect(all - environment).toBe(3);
    } finally {
      bot.sim.reset();
    }
  });
});
