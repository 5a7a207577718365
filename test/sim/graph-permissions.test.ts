import { readFileSync } from 'node:fs';
import { CONTOSO_FIXTURE_PATH, startSimulator, type RunningSimulator } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import { REPORTING_APP, call, tokenFor } from './bap-dataverse-client';

const GRAPH = 'https://graph.microsoft.com/.default';
const UAT_ACCESS = 'b334d23a-c075-4b09-a359-4e9089de4a59';
const JANE = 'jane.doe@contoso.com';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const DENIED = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Every Graph request the simulator serves, one per route of src/sim/graph/index.ts. */
function everyRoute(janeId: string): { method: string; path: string; body?: unknown }[] {
  return [
    { method: 'GET', path: '/users?$top=1' },
    { method: 'GET', path: `/users/${janeId}` },
    { method: 'GET', path: `/users/${janeId}/memberOf` },
    { method: 'GET', path: `/users/${janeId}/transitiveMemberOf` },
    { method: 'GET', path: `/users/${janeId}/licenseDetails` },
    { method: 'POST', path: `/users/${janeId}/checkMemberGroups`, body: { groupIds: [UAT_ACCESS] } },
    { method: 'POST', path: `/users/${janeId}/assignLicense`, body: { addLicenses: [], removeLicenses: [] } },
    { method: 'GET', path: '/groups?$top=1' },
    { method: 'GET', path: `/groups/delta?$filter=id eq '${UAT_ACCESS}'&$select=id,members` },
    { method: 'GET', path: `/groups/${UAT_ACCESS}` },
    { method: 'GET', path: `/groups/${UAT_ACCESS}/members` },
    { method: 'GET', path: `/groups/${UAT_ACCESS}/members/microsoft.graph.user` },
    { method: 'GET', path: `/groups/${UAT_ACCESS}/transitiveMembers` },
    { method: 'GET', path: `/groups/${UAT_ACCESS}/transitiveMembers/microsoft.graph.user` },
    { method: 'GET', path: `/groups/${UAT_ACCESS}/owners` },
    { method: 'GET', path: `/groups/${UAT_ACCESS}/owners/microsoft.graph.user` },
    { method: 'POST', path: `/groups/${UAT_ACCESS}/members/$ref`, body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${janeId}` } },
    { method: 'DELETE', path: `/groups/${UAT_ACCESS}/members/${janeId}/$ref` },
    { method: 'POST', path: `/groups/${UAT_ACCESS}/assignLicense`, body: { addLicenses: [], removeLicenses: [] } },
    { method: 'GET', path: '/directoryRoles' },
    { method: 'GET', path: `/directoryRoles(roleTemplateId='${GLOBAL_ADMIN}')` },
    { method: 'GET', path: `/directoryRoles(roleTemplateId='${GLOBAL_ADMIN}')/members` },
    { method: 'GET', path: '/subscribedSkus' },
  ];
}

describe('simulated Graph: application permissions from the token roles claim (§4.1)', () => {
  let sim: RunningSimulator;
  let janeId: string;
  beforeAll(async () => {
    const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
    fixture.apps.push({ clientId: '5c0ffee0-0000-4000-8000-000000000001', clientSecret: 'no-permissions', displayName: 'Unconsented app', managementApp: false, graphPermissions: [] });
    sim = await startSimulator({ fixture });
    janeId = sim.state().fixture.users.find((u) => u.userPrincipalName === JANE)?.id ?? '';
  });
  afterAll(() => sim.close());

  it('when Entra issues a Graph token, then its roles claim lists the app\'s granted permissions; BAP and Dataverse tokens carry none', async () => {
    expect(claims(await tokenFor(sim, GRAPH)).roles).toEqual(['User.Read.All', 'GroupMember.Read.All', 'LicenseAssignment.Read.All', 'RoleManagement.Read.Directory', 'GroupMember.ReadWrite.All', 'Application.Read.All', 'LicenseAssignment.ReadWrite.All']);
    expect(claims(await tokenFor(sim, 'https://service.powerapps.com/.default'))).not.toHaveProperty('roles');
    expect(claims(await tokenFor(sim, `${sim.urls.dataverse('contosouat').replace(/\/$/, '')}/.default`))).not.toHaveProperty('roles');
    expect(claims(await tokenFor(sim, GRAPH, { clientId: '5c0ffee0-0000-4000-8000-000000000001', clientSecret: 'no-permissions' }))).not.toHaveProperty('roles');
  });

  it('when an app holds only User.Read.All, then users answer and groups, licences, roles and writes are 403 Authorization_RequestDenied', async () => {
    const token = await tokenFor(sim, GRAPH, REPORTING_APP);
    const graph = (path: string, init?: { method?: string; body?: unknown }) => call(`${sim.urls.graph}/v1.0${path}`, token, init);
    expect((await graph('/users?$top=1&$select=id')).status).toBe(200);
    expect((await graph(`/users/${janeId}/transitiveMemberOf?$select=id`)).status).toBe(200);
    for (const path of [`/groups/${UAT_ACCESS}`, `/groups/${UAT_ACCESS}/members?$top=1`, '/subscribedSkus', `/directoryRoles(roleTemplateId='${GLOBAL_ADMIN}')/members`]) {
      const reply = await graph(path);
      expect({ path, status: reply.status, body: reply.body }).toMatchObject({ path, status: 403, body: DENIED });
    }
    const add = await graph(`/groups/${UAT_ACCESS}/members/$ref`, { method: 'POST', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${janeId}` } });
    expect(add).toMatchObject({ status: 403, body: DENIED });
    expect(sim.state().fixture.groups.find((g) => g.id === UAT_ACCESS)?.members).not.toContain(janeId);
  });

  it('when a $batch holds an item the app may not call, then that item alone is 403', async () => {
    const token = await tokenFor(sim, GRAPH, REPORTING_APP);
    const reply = await call(`${sim.urls.graph}/v1.0/$batch`, token, {
      method: 'POST',
      body: { requests: [{ id: '1', method: 'GET', url: `/users/${janeId}?$select=id` }, { id: '2', method: 'GET', url: '/subscribedSkus' }] },
    });
    expect(reply.status).toBe(200);
    const responses = (reply.body as { responses: { id: string; status: number; body: unknown }[] }).responses;
    expect(responses.map((r) => [r.id, r.status])).toEqual([['1', 200], ['2', 403]]);
    expect(responses[1]?.body).toMatchObject(DENIED);
  });

  it('when an app has no Graph permission, then every route is refused with 403 (each one has a rule)', async () => {
    const token = await tokenFor(sim, GRAPH, { clientId: '5c0ffee0-0000-4000-8000-000000000001', clientSecret: 'no-permissions' });
    for (const request of everyRoute(janeId)) {
      const reply = await call(`${sim.urls.graph}/v1.0${request.path}`, token, { method: request.method, body: request.body });
      expect({ ...request, status: reply.status, body: reply.body }).toMatchObject({ ...request, status: 403, body: DENIED });
    }
  });

  it('when the demo app calls every route, then none is refused for permissions (licenseDetails stays delegated-only)', async () => {
    const token = await tokenFor(sim, GRAPH);
    const refused: string[] = [];
    for (const request of everyRoute(janeId)) {
      const reply = await call(`${sim.urls.graph}/v1.0${request.path}`, token, { method: request.method, body: request.body });
      if (reply.status === 403 || reply.status >= 500) refused.push(`${request.method} ${request.path} → ${reply.status}`);
    }
    expect(refused).toEqual([`GET /users/${janeId}/licenseDetails → 403`]);
  });
});
