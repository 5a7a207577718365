import type { RunningSimulator } from '../../src/sim/server';
import { errorOf, startSmall, tokenFor } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSmall();
});
afterAll(() => sim.close());

const get = (url: string, token?: string): Promise<Response> => fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

describe('bearer token checks per surface', () => {
  it('Graph: no token → 401 InvalidAuthenticationToken "Access token is empty." with innerError ids', async () => {
    const res = await fetch(`${sim.urls.graph}/v1.0/users`, { headers: { 'client-request-id': 'my-client-id' } });
    expect(res.status).toBe(401);
    const error = errorOf((await res.json()) as Record<string, unknown>);
    expect(error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(error.innerError).toMatchObject({ 'request-id': expect.any(String), 'client-request-id': 'my-client-id', date: expect.any(String) });
  });

  it('Graph: a BAP token → 401 "Access token validation failure. Invalid audience."', async () => {
    const res = await get(`${sim.urls.graph}/v1.0/users`, await tokenFor(sim, 'https://service.powerapps.com/'));
    expect(res.status).toBe(401);
    expect(errorOf((await res.json()) as Record<string, unknown>).message).toBe('Access token validation failure. Invalid audience.');
  });

  it('Graph: a tampered token → 401, and the server keeps serving', async () => {
    const token = await tokenFor(sim, 'https://graph.microsoft.com');
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${'A'.repeat(43)}`;
    expect((await get(`${sim.urls.graph}/v1.0/users`, forged)).status).toBe(401);
    expect((await get(`${sim.urls.graph}/v1.0/users`, 'not-a-jwt')).status).toBe(401);
    expect((await get(`${sim.urls.graph}/v1.0/users`, token)).status).toBe(200);
  });

  it('BAP: a Graph token → 401 with a JSON error body', async () => {
    const res = await get(`${sim.urls.bap}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2020-10-01`, await tokenFor(sim, 'https://graph.microsoft.com'));
    expect(res.status).toBe(401);
    expect(errorOf((await res.json()) as Record<string, unknown>).code).toBe('InvalidAuthenticationToken');
  });

  it('Dataverse: a Graph token → 401, empty body, WWW-Authenticate challenge naming the tenant and resource', async () => {
    const res = await get(`${sim.urls.dataverse('fabtest')}api/data/v9.2/WhoAmI`, await tokenFor(sim, 'https://graph.microsoft.com'));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    expect(res.headers.get('www-authenticate')).toBe(`Bearer authorization_uri=${sim.origin}/${sim.tenantId}/oauth2/authorize, resource_id=${sim.urls.dataverse('fabtest')}`);
  });

  it('Dataverse: a token for another org is refused', async () => {
    const other = await tokenFor(sim, `${sim.origin}/dataverse/fabtest`);
    const res = await get(`${sim.origin}/dataverse/unknown-org/api/data/v9.2/systemusers`, other);
    expect(res.status).toBe(404);
  });

  it('Dataverse: the right token passes authentication', async () => {
    const token = await tokenFor(sim, sim.urls.dataverse('fabtest').replace(/\/$/, ''));
    const res = await get(`${sim.urls.dataverse('fabtest')}api/data/v9.2/systemusers`, token);
    expect(res.status).not.toBe(401);
  });

  it('control endpoints need no token', async () => {
    expect((await fetch(`${sim.origin}/_sim/stats`)).status).toBe(200);
  });
});
