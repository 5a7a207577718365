import type { SimAppModule, SimCanvasApp, TenantFixture } from '../../src/sim/model';
import { withChatSession } from '../lib/chat-session';
import { cardOf } from '../lib/fake-connector';
import { checked, info, type Row } from '../lib/results';
import { percentile, type Mode, type Scenario } from '../lib/scenario';
import { contosoWithBenchGroup } from '../lib/tenant-fixture';

const LATENCY_MS = 100;
const TARGET_MS = 2_000;
const PRODUCTION = '667c2848-72a8-4a03-a959-694b017ae7fd';
/** Contoso Production's own apps: Budget Planner, Expense Tracker and Travel Requests. */
const CONTOSO_PRODUCTION_APPS = 3;
/** Groups apps are shared with (Finance Department, Field Inspectors) and the tenant. */
const GROUPS = ['55f4c318-cefe-4d0a-b9db-be780fe6b0e6', '7b2e4c91-3f5a-4d86-9c1e-2a6b8d0f4e13'];
const BASIC_USER = '8fbaf12f-1abf-4143-82a1-c6a338c01e53';
const FINANCE_COORDINATOR = '173c25e8-9ef4-4afe-adfc-42ae6bab47ef';

const guid = (kind: number, i: number) => `0000${kind}000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Contoso with `count` apps in Contoso Production: one in ten model-driven, the rest canvas apps shared in turn with Jane, a group or everyone. */
function withApps(fixture: TenantFixture, count: number): TenantFixture {
  const env = fixture.environments.find((e) => e.id === PRODUCTION);
  if (!env?.dataverse) throw new Error('Contoso Production is missing');
  const owner = fixture.users[0]?.id ?? '';
  const jane = fixture.users.find((u) => u.userPrincipalName === 'jane.doe@contoso.com')?.id ?? '';
  const canvas: SimCanvasApp[] = [];
  const modelDriven: SimAppModule[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i % 10 === 0) {
      modelDriven.push({ id: guid(1, i), name: `Bench Model App ${i}`, uniqueName: `bench_model_${i}`, roleIds: [i % 20 === 0 ? FINANCE_COORDINATOR : BASIC_USER] });
      continue;
    }
    const share = i % 3 === 0 ? { principalId: jane, type: 'User' as const, roleName: 'CanEdit' as const } : i % 3 === 1 ? { principalId: GROUPS[i % 2] ?? '', type: 'Group' as const, roleName: 'CanView' as const } : { principalId: fixture.tenant.id, type: 'Tenant' as const, roleName: 'CanView' as const };
    canvas.push({ id: guid(2, i), displayName: `Bench Canvas App ${i}`, ownerId: owner, connectors: [{ name: i % 4 === 0 ? 'SQL Server' : 'SharePoint', premium: i % 4 === 0 }], sharedWith: [share] });
  }
  env.canvasApps = [...(env.canvasApps ?? []), ...canvas];
  env.dataverse.appModules = [...(env.dataverse.appModules ?? []), ...modelDriven];
  return fixture;
}

/**
 * Scenario 8: "which apps can Jane open in Contoso Production" with 200 apps in that environment and every
 * simulated request taking 100 ms; wall time = POST /api/messages → the list card. The canvas apps come
 * in pages with Jane's role expanded and the model-driven apps with their roles: never one request per app.
 */
export const appListScenario: Scenario = {
  id: 'app-list',
  async run(mode: Mode, progress) {
    const apps = 200;
    const runs = mode === 'full' ? 20 : 3;
    const scenario = `8. Which apps: ${apps} apps in one environment, ${LATENCY_MS} ms per request`;
    progress(scenario);
    return withChatSession(withApps(contosoWithBenchGroup(0), apps), LATENCY_MS, async (session, sim) => {
      const walls: number[] = [];
      let perRun = { powerApps: 0, dataverse: 0, graph: 0 };
      for (let i = 0; i < runs; i += 1) {
        await sim.clearStats();
        const { activityId, postedAt } = await session.send('which apps can Jane Doe open in Contoso Production');
        const reply = await session.replyTo(activityId, (s) => s.activity.type === 'message', 30_000);
        const card = JSON.stringify(cardOf(reply) ?? reply.activity.text ?? '');
        if (!card.includes(`of ${apps + CONTOSO_PRODUCTION_APPS} apps in Contoso Production`)) throw new Error(`the list did not show ${apps + CONTOSO_PRODUCTION_APPS} apps: ${card.slice(0, 600)}`);
        walls.push(reply.at - postedAt);
        const stats = await sim.stats();
        perRun = { powerApps: stats.requests.powerApps, dataverse: stats.requests.dataverse, graph: stats.requests.graph };
      }
      return [
        checked(scenario, `p50 wall time (message → list card), ${runs} runs`, percentile(walls, 50), 'ms', { op: '<=', limit: TARGET_MS }),
        info(scenario, 'max wall time (first, cold caches and tokens)', Math.max(...walls), 'ms'),
        info(scenario, 'Power Apps requests per list', perRun.powerApps, ''),
        info(scenario, 'Dataverse requests per list', perRun.dataverse, ''),
        info(scenario, 'Graph requests per list', perRun.graph, ''),
      ] satisfies Row[];
    });
  },
};
