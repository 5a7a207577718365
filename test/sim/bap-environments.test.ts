import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handleBap } from '../../src/sim/bap';
import { defaultSimConfig } from '../../src/sim/config';
import type { TenantFixture } from '../../src/sim/model';
import type { RunningSimulator } from '../../src/sim/server';
import { createTenantState } from '../../src/sim/state';
import type { SimContext } from '../../src/sim/types';
import { API_VERSION, ENVIRONMENTS, REPORTING_APP, bapToken, call, environment, startContoso } from './bap-dataverse-client';

type BapEnvironment = { id: string; name: string; type: string; location: string; properties: Record<string, unknown> & { linkedEnvironmentMetadata?: Record<string, unknown> } };

describe('BAP admin environments (over HTTP)', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startContoso();
    token = await bapToken(sim);
  });
  afterAll(() => sim.close());

  const list = (query = `?api-version=${API_VERSION}`) => call(`${sim.urls.bap}${ENVIRONMENTS}${query}`, token);

  it('when listing, then every Contoso environment comes back in the §2.2 shape without a nextLink', async () => {
    const reply = await list(`?api-version=2020-10-01&$expand=properties.capacity,properties.addons`);
    expect(reply.status).toBe(200);
    const body = reply.body as { value: BapEnvironment[]; nextLink?: string };
    expect(body.value.map((e) => e.properties.displayName)).toEqual(sim.state().fixture.environments.map((e) => e.displayName));
    expect(body.nextLink).toBeUndefined();
    const uat = body.value.find((e) => e.properties.displayName === 'UAT') as BapEnvironment;
    expect(uat).toMatchObject({
      id: `${ENVIRONMENTS}/${uat.name}`,
      type: 'Microsoft.BusinessAppPlatform/scopes/environments',
      location: 'unitedstates',
      properties: {
        tenantId: sim.tenantId,
        environmentSku: 'Sandbox',
        isDefault: false,
        databaseType: 'CommonDataService',
        states: { management: { id: 'Ready' }, runtime: { id: 'Enabled' } },
        addons: [{ addonType: 'AppPass', allocated: 0, addonUnit: 'Unit' }],
        linkedEnvironmentMetadata: {
          domainName: 'contosouat',
          instanceUrl: `${sim.origin}/dataverse/contosouat/`,
          instanceApiUrl: `${sim.origin}/dataverse/contosouat`,
          instanceState: 'Ready',
          securityGroupId: environment(sim, 'UAT').dataverse?.securityGroupId,
        },
      },
    });
  });

  it('when an environment has no group, no Dataverse, app passes or admin mode, then the view says so', async () => {
    const body = (await list(`?api-version=${API_VERSION}&$expand=properties/addons`)).body as { value: BapEnvironment[] };
    const byName = (name: string) => body.value.find((e) => e.properties.displayName === name) as BapEnvironment;
    expect(byName('Contoso (default)').properties).toMatchObject({ isDefault: true, environmentSku: 'Default' });
    expect(byName('Contoso (default)').properties.linkedEnvironmentMetadata).not.toHaveProperty('securityGroupId');
    expect(byName('Marketing Sites').properties).not.toHaveProperty('linkedEnvironmentMetadata');
    expect(byName('Marketing Sites').properties.databaseType).toBe('None');
    expect(byName('Field Inspections').properties.addons).toEqual([{ addonType: 'AppPass', allocated: 25, addonUnit: 'Unit' }]);
    expect(byName('Staging (maintenance)').properties.states).toEqual({ management: { id: 'Ready' }, runtime: { id: 'AdminMode' } });
    expect(byName('Finance Team').properties.environmentSku).toBe('Teams');
  });

  it("when filtering on properties/environmentSku eq 'Teams', then only the Dataverse for Teams environment comes back; other filters are refused", async () => {
    const teams = await list(`?api-version=${API_VERSION}&$filter=${encodeURIComponent("properties/environmentSku eq 'Teams'")}`);
    expect((teams.body as { value: BapEnvironment[] }).value.map((e) => e.properties.displayName)).toEqual(['Finance Team']);
    const other = await list(`?api-version=${API_VERSION}&$filter=${encodeURIComponent("properties/displayName eq 'UAT'")}`);
    expect(other.status).toBe(400);
  });

  it('when $expand does not name properties.addons, then add-ons are left out, as BAP does (§2.1)', async () => {
    const listed = (await list()).body as { value: BapEnvironment[] };
    expect(listed.value.every((e) => !('addons' in e.properties))).toBe(true);
    const fieldInspections = listed.value.find((e) => e.properties.displayName === 'Field Inspections') as BapEnvironment;
    const one = await call(`${sim.urls.bap}${ENVIRONMENTS}/${fieldInspections.name}?api-version=${API_VERSION}`, token);
    expect((one.body as BapEnvironment).properties).not.toHaveProperty('addons');
    const expanded = await call(`${sim.urls.bap}${ENVIRONMENTS}/${fieldInspections.name}?api-version=${API_VERSION}&$expand=properties.addons`, token);
    expect((expanded.body as BapEnvironment).properties.addons).toEqual([{ addonType: 'AppPass', allocated: 25, addonUnit: 'Unit' }]);
  });

  it('when getting one environment by name or ~default, then that environment comes back', async () => {
    const uat = environment(sim, 'UAT');
    const one = await call(`${sim.urls.bap}${ENVIRONMENTS}/${uat.id}?api-version=${API_VERSION}&$expand=permissions`, token);
    expect(one.status).toBe(200);
    expect((one.body as BapEnvironment).properties.displayName).toBe('UAT');
    const def = await call(`${sim.urls.bap}${ENVIRONMENTS}/~default?api-version=${API_VERSION}`, token);
    expect((def.body as BapEnvironment).name).toBe(`Default-${sim.tenantId}`);
  });

  it('when the environment does not exist, then 404 with the wrapped "could not be found" message', async () => {
    const reply = await call(`${sim.urls.bap}${ENVIRONMENTS}/00000000-1111-2222-3333-444444444444?api-version=${API_VERSION}`, token);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      error: {
        code: 'EnvironmentNotFound',
        message: expect.stringMatching(
          new RegExp(`^The request failed with error: 'The environment '00000000-1111-2222-3333-444444444444' could not be found in the tenant '${sim.tenantId}'\\.'\\. The tracking Id is '[0-9a-f-]{36}'\\.$`),
        ),
      },
    });
  });

  it('when api-version is missing or malformed, then 400 and nothing is listed', async () => {
    const missing = await list('');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    const bad = await list('?api-version=latest');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'InvalidApiVersionParameter' } });
  });

  it('when the caller app is not a registered management app, then 403 with the path and tenant in the message', async () => {
    const other = await bapToken(sim, REPORTING_APP);
    const reply = await call(`${sim.urls.bap}${ENVIRONMENTS}?api-version=${API_VERSION}`, other);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({
      error: {
        code: 'Forbidden',
        message: `The service principal with id '${REPORTING_APP.clientId}' does not have permission to access the path '${ENVIRONMENTS}' in tenant '${sim.tenantId}'.`,
      },
    });
  });

  it('when the page size is set at run time, then the nextLinks are dialable and cover every environment once', async () => {
    sim.setConfig({ unverified: { bapEnvironmentsPageSize: 4 } });
    try {
      const names: string[] = [];
      let url: string | undefined = `${sim.urls.bap}${ENVIRONMENTS}?api-version=${API_VERSION}`;
      while (url) {
        const reply = await call(url, token);
        expect(reply.status).toBe(200);
        const body = reply.body as { value: BapEnvironment[]; nextLink?: string };
        expect(body.value.length).toBeLessThanOrEqual(4);
        names.push(...body.value.map((e) => e.name));
        url = body.nextLink;
      }
      expect(names).toEqual(sim.state().fixture.environments.map((e) => e.id));
    } finally {
      sim.setConfig({ unverified: { bapEnvironmentsPageSize: 50 } });
    }
  });

  it('when the path is unknown or the verb wrong, then a BAP error, not a crash', async () => {
    expect((await call(`${sim.urls.bap}/providers/Microsoft.BusinessAppPlatform/nothing?api-version=${API_VERSION}`, token)).status).toBe(404);
    expect((await call(`${sim.urls.bap}${ENVIRONMENTS}?api-version=${API_VERSION}`, token, { method: 'DELETE' })).status).toBe(405);
    expect((await list()).status).toBe(200);
  });
});

describe('BAP environment paging (handler)', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '../../src/sim/tenants/contoso.json'), 'utf8')) as TenantFixture;
  const config = defaultSimConfig();
  config.unverified.bapEnvironmentsPageSize = 4;
  const ctx: SimContext = { state: createTenantState(fixture), config, origin: 'http://sim.test', now: () => 0, schedule: () => undefined };
  const token = { aud: 'https://service.powerapps.com/', appId: fixture.apps[0]?.clientId ?? '', tenantId: fixture.tenant.id };

  async function page(query: URLSearchParams) {
    return handleBap({ method: 'GET', path: ENVIRONMENTS, query, headers: {}, body: undefined, token }, ctx);
  }

  it('when the list is longer than a page, then a top-level nextLink leads through every environment once', async () => {
    const names: string[] = [];
    let query: URLSearchParams | null = new URLSearchParams({ 'api-version': API_VERSION });
    let pages = 0;
    while (query) {
      const reply = await page(query);
      const body = reply.body as { value: { name: string }[]; nextLink?: string; '@odata.nextLink'?: string };
      expect(body['@odata.nextLink']).toBeUndefined();
      names.push(...body.value.map((e) => e.name));
      pages += 1;
      query = body.nextLink ? new URL(body.nextLink).searchParams : null;
      if (body.nextLink) expect(body.nextLink.startsWith(`http://sim.test/bap${ENVIRONMENTS}?api-version=${API_VERSION}`)).toBe(true);
    }
    expect(pages).toBe(Math.ceil(fixture.environments.length / 4));
    expect(names).toEqual(fixture.environments.map((e) => e.id));
  });

  it('when the skip token is forged, then 400', async () => {
    const reply = await page(new URLSearchParams({ 'api-version': API_VERSION, $skiptoken: 'bogus' }));
    expect(reply.status).toBe(400);
  });
});
