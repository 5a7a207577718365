import type { RunningSimulator } from '../../src/sim/server';
import { requestToken, startSmall } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSmall();
});
afterAll(() => sim.close());

const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
const base = (): Record<string, string> => ({ grant_type: 'client_credentials', client_id: sim.demoClient.clientId, client_secret: sim.demoClient.clientSecret });

describe('Entra v2 client-credentials token endpoint', () => {
  it.each([
    ['https://graph.microsoft.com/.default', 'https://graph.microsoft.com'],
    ['https://service.powerapps.com//.default', 'https://service.powerapps.com/'],
    ['https://service.powerapps.com/.default', 'https://service.powerapps.com/'],
  ])('issues a Bearer token for %s with aud %s', async (scope, aud) => {
    const res = await requestToken(sim, { ...base(), scope });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    const claims = claimsOf(body.access_token as string);
    expect(claims).toMatchObject({ aud, appid: sim.demoClient.clientId, tid: sim.tenantId });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3599);
  });

  it('issues Dataverse tokens whose audience is the instance URL without the trailing slash', async () => {
    const instance = sim.urls.dataverse('fabtest').replace(/\/$/, '');
    const res = await requestToken(sim, { ...base(), scope: `${instance}/.default` });
    expect(claimsOf(((await res.json()) as { access_token: string }).access_token).aud).toBe(instance);
  });

  it('accepts the tenant default domain in place of the tenant id', async () => {
    const res = await fetch(`${sim.origin}/fabrikam.test/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ ...base(), scope: 'https://graph.microsoft.com/.default' }) });
    expect(res.status).toBe(200);
  });

  it('rejects a wrong client secret with 401 invalid_client AADSTS7000215 and never echoes the secret', async () => {
    const res = await requestToken(sim, { ...base(), client_secret: 'wrong-secret-value', scope: 'https://graph.microsoft.com/.default' });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toContain('wrong-secret-value');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215], trace_id: expect.any(String), correlation_id: expect.any(String), timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/) });
    expect(body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
  });

  it.each([
    ['unknown app', { client_id: 'aaaaaaaa-0000-4000-8000-0000000000ff' }, 400, 'unauthorized_client', 700016],
    ['missing secret', { client_secret: '' }, 401, 'invalid_client', 7000218],
    ['scope without /.default', { scope: 'https://graph.microsoft.com/User.Read.All' }, 400, 'invalid_scope', 1002012],
    ['two scopes', { scope: 'https://graph.microsoft.com/.default https://service.powerapps.com//.default' }, 400, 'invalid_scope', 70011],
    ['unknown resource', { scope: 'https://example.com/.default' }, 400, 'invalid_resource', 500011],
    ['unknown Dataverse org', { scope: 'http://127.0.0.1:1/dataverse/nope/.default' }, 400, 'invalid_resource', 500011],
    ['missing scope', { scope: '' }, 400, 'invalid_request', 900144],
    ['wrong grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
  ])('%s → %i %s AADSTS%i', async (_name, override, status, error, code) => {
    const res = await requestToken(sim, { ...base(), scope: 'https://graph.microsoft.com/.default', ...override });
    expect(res.status).toBe(status);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it('rejects an unknown tenant with AADSTS90002', async () => {
    const res = await fetch(`${sim.origin}/99999999-9999-4999-8999-999999999999/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ ...base(), scope: 'https://graph.microsoft.com/.default' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('answers GET on the token endpoint with 405', async () => {
    expect((await fetch(sim.urls.token)).status).toBe(405);
  });
});
