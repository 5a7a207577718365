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

  it('an exact canvas name in one environment reads the canvas list alone: its sharing is the second request', async () => {
    const deps = await freshDeps();
    const environment = await environmentCheck(deps);
    const before = bot.sim.stats().routes;
    expect((await appCheck(deps, 'Budget Planner')) - environment).toBe(2);
    const after = bot.sim.stats().routes;
    expect((after.dataverse['GET /{org}/api/data/v9.2/appmodules'] ?? 0) - (before.dataverse['GET /{org}/api/data/v9.2/appmodules'] ?? 0)).toBe(0);
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

/**
 * "First call in a process included": each question is the first of a bot of its own (tokens, environments,
 * licences and app names all unread), against one simulator; the environment's diagnosis of the same person
 * and environment, in another new bot, is the baseline. Token requests count too.
 */
describe('the first app question of a process', () => {
  const everything = () => Object.values(bot.sim.stats().requests).reduce((sum, n) => sum + n, 0);
  async function firstInProcess(work: (deps: Deps) => Promise<unknown>): Promise<number> {
    const fresh = await createTestBot({ join: bot.sim });
    try {
      const before = everything();
      await work(fresh.deps);
      return everything() - before;
    } finally {
      await fresh.close();
    }
  }

  it.each([
    ['a canvas app shared with a group', 'Siobhan', 'Field Inspection', 'Field Inspections', 'shared with Field Inspectors, a group Siobhan is in'],
    ['a canvas app shared with everyone', 'Lucas Martin', 'Visitor Sign-in', 'Contoso (default)', 'shared with everyone in the organisation'],
    ['a canvas app not shared with the person (the group it is shared with named)', 'Morgan Lee', 'Budget Planner', 'Contoso Production', 'or add Morgan to Finance Department'],
    ['a model-driven app', 'Jane Doe', 'Expense Tracker', 'Contoso Production', 'Jane holds Finance Coordinator (direct), a role of Expense Tracker.'],
  ])('%s costs at most 2 requests more than the environment\'s diagnosis', async (_case, user, app, environment, says) => {
    const baseline = await firstInProcess((deps) => runDiagnosis(deps, { user, environment, everywhere: false }));
    let text = '';
    const withApp = await firstInProcess(async (deps) => {
      const outcome = await diagnoseApp(deps, { user, app, environment, everywhere: false, mayBeEnvironment: false });
      if (outcome.kind !== 'diagnosis') throw new Error(`expected a diagnosis, got ${outcome.kind}`);
      text = outcome.diagnosis.checks.map((c) => `${c.detail} ${c.fix?.text ?? ''}`).join('\n');
    });
    expect(text).toContain(says);
    expect(withApp - baseline).toBeGreaterThanOrEqual(1);
    expect(withApp - baseline).toBeLessThanOrEqual(2);
  });
});
