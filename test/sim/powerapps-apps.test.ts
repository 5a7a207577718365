import type { RunningSimulator } from '../../src/sim/server';
import { bapToken, call, dataverseToken, environment, REPORTING_APP, startContoso, tokenFor, userId } from './bap-dataverse-client';

/** The simulated Power Apps admin API (§15) and Dataverse `appmodules` (§16), over HTTP. */
let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startContoso();
  token = await bapToken(sim);
});
afterAll(async () => sim.close());
afterEach(() => {
  sim.reset();
  sim.setConfig({ unverified: { maxAssignedToCountsGroups: true, powerAppsPageSize: 250 } });
});

const V = 'api-version=2016-11-01';
const appsUrl = (envName: string) => `${sim.urls.powerApps}/providers/Microsoft.PowerApps/scopes/admin/environments/${environment(sim, envName).id}/apps`;
const FIELD_INSPECTION = '6a2f8d14-5c9e-4b37-8e1a-0d7c3b9f2a58';
type App = { name: string; properties: Record<string, unknown> & { permissions?: { properties: { roleName: string } }[] } };
type List<T> = { value: T[]; nextLink?: string };

describe('Power Apps admin API: canvas apps', () => {
  it('lists an environment\'s apps with their owner, connectors, premium flags and sharing counts', async () => {
    const reply = await call(`${appsUrl('Field Inspections')}?${V}&$top=250`, token);
    expect(reply.status).toBe(200);
    const [app] = (reply.body as List<App>).value;
    expect(app?.name).toBe(FIELD_INSPECTION);
    expect(app?.properties).toMatchObject({ displayName: 'Field Inspection', usesPremiumApi: true, appPlanClassification: 'Premium', sharedGroupsCount: 1, sharedUsersCount: 0 });
    expect(JSON.stringify(app?.properties.connectionReferences)).toContain('SQL Server');
  });

  it('pages the list with a top-level nextLink that carries an opaque $skiptoken', async () => {
    const env = environment(sim, 'Field Inspections');
    const template = env.canvasApps?.[0];
    for (let i = 0; i < 4; i += 1) env.canvasApps?.push({ ...structuredClone(template!), id: `6a2f8d14-5c9e-4b37-8e1a-0d7c3b9f2a6${i}`, displayName: `Copy ${i}` });
    sim.setConfig({ unverified: { powerAppsPageSize: 2 } });
    const names: string[] = [];
    let url: string | undefined = `${appsUrl('Field Inspections')}?${V}&$top=250`;
    let pages = 0;
    while (url) {
      const page = (await call(url, token)).body as List<App>;
      names.push(...page.value.map((a) => a.name));
      url = page.nextLink;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(5);
  });

  it('expands one principal\'s highest role with maxAssignedTo: through a group, a nested group, or nothing', async () => {
    const roleOf = async (upn: string) => {
      const reply = await call(`${appsUrl('Field Inspections')}?${V}&$expand=${encodeURIComponent(`permissions($filter=maxAssignedTo('${userId(sim, upn)}'))`)}`, token);
      expect(reply.status).toBe(200);
      return (reply.body as List<App>).value[0]?.properties.permissions?.map((p) => p.properties.roleName);
    };
    expect(await roleOf('siobhan.obrien@contoso.com')).toEqual(['CanView']);
    expect(await roleOf('tom.becker@contoso.com')).toEqual(['CanView']);
    expect(await roleOf('alex.johnson@contoso.com')).toEqual(['Owner']);
    expect(await roleOf('jane.doe@contoso.com')).toEqual([]);
    sim.setConfig({ unverified: { maxAssignedToCountsGroups: false } });
    expect(await roleOf('siobhan.obrien@contoso.com')).toEqual([]);
  });

  it('refuses any other $expand, a missing or unknown api-version and an unknown environment', async () => {
    expect((await call(`${appsUrl('Field Inspections')}?${V}&$expand=permissions`, token)).status).toBe(400);
    const missing = await call(appsUrl('Field Inspections'), token);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('MissingApiVersionParameter');
    expect(JSON.stringify((await call(`${appsUrl('Field Inspections')}?api-version=2099-01-01`, token)).body)).toContain('InvalidApiVersion');
    const unknown = await call(`${sim.urls.powerApps}/providers/Microsoft.PowerApps/scopes/admin/environments/00000000-0000-4000-8000-000000000000/apps?${V}`, token);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('EnvironmentNotFound');
  });

  it('answers only a management application, with BAP\'s audience', async () => {
    const other = await bapToken(sim, REPORTING_APP);
    expect((await call(`${appsUrl('Field Inspections')}?${V}`, other)).status).toBe(403);
    const graph = await tokenFor(sim, 'https://graph.microsoft.com/.default');
    expect((await call(`${appsUrl('Field Inspections')}?${V}`, graph)).status).toBe(401);
  });

  it('lists an app\'s role assignments, the owner first, and modifyPermissions shares it', async () => {
    const permissions = `${appsUrl('Field Inspections')}/${FIELD_INSPECTION}/permissions?${V}`;
    const before = (await call(permissions, token)).body as List<{ properties: { roleName: string; principal: { type: string; displayName: string } } }>;
    expect(before.value.map((p) => [p.properties.roleName, p.properties.principal.type, p.properties.principal.displayName])).toEqual([
      ['Owner', 'User', 'Alex Johnson'],
      ['CanView', 'Group', 'Field Inspectors'],
    ]);
    const hannah = userId(sim, 'hannah.weber@contoso.com');
    const modify = `${appsUrl('Field Inspections')}/${FIELD_INSPECTION}/modifyPermissions?${V}`;
    const put = { put: [{ properties: { roleName: 'CanView', capabilities: [], NotifyShareTargetOption: 'DoNotNotify', principal: { id: hannah, type: 'User', email: '', tenantId: 'null' } } }] };
    expect((await call(modify, token, { method: 'POST', body: put })).status).toBe(200);
    const after = (await call(permissions, token)).body as List<{ properties: { principal: { id?: string } } }>;
    expect(after.value.some((p) => p.properties.principal.id === hannah)).toBe(true);
    const everyoneCanEdit = { put: [{ properties: { roleName: 'CanEdit', principal: { type: 'Tenant', tenantId: sim.tenantId } } }] };
    expect((await call(modify, token, { method: 'POST', body: everyoneCanEdit })).status).toBe(400);
  });
});

describe('Dataverse appmodules', () => {
  const base = () => `${sim.urls.dataverse('contosoprod')}api/data/v9.2/`;

  it('lists published model-driven apps with their roles through a single-level N:N expand', async () => {
    const dv = await dataverseToken(sim, 'contosoprod');
    const reply = await call(`${base()}appmodules?$select=name,statecode&$expand=${encodeURIComponent('appmoduleroles_association($select=roleid,name,_parentrootroleid_value)')}`, dv);
    expect(reply.status).toBe(200);
    const apps = (reply.body as List<{ name: string; statecode: number; appmoduleroles_association: { name: string }[] }>).value;
    expect(apps.map((a) => [a.name, a.statecode, a.appmoduleroles_association.map((r) => r.name).sort()])).toEqual([
      ['Expense Tracker', 0, ['Expense User', 'Finance Coordinator']],
      ['Travel Requests', 1, ['Basic User']],
    ]);
  });

  it('refuses a nested $expand under appmoduleroles_association, as real Dataverse does (§3.3)', async () => {
    const dv = await dataverseToken(sim, 'contosoprod');
    const nested = encodeURIComponent('appmoduleroles_association($select=name;$expand=businessunitid($select=name))');
    const reply = await call(`${base()}appmodules?$expand=${nested}`, dv);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('0x80060888');
  });

  it('hides unpublished apps', async () => {
    const app = environment(sim, 'Contoso Production').dataverse?.appModules?.[1];
    if (app) app.published = false;
    const dv = await dataverseToken(sim, 'contosoprod');
    const reply = await call(`${base()}appmodules?$select=name`, dv);
    expect((reply.body as List<{ name: string }>).value.map((a) => a.name)).toEqual(['Expense Tracker']);
  });
});
