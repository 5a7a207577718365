import type { RunningSimulator } from '../../src/sim/server';
import { API_VERSION, ENVIRONMENTS, REPORTING_APP, bapToken, call, dataverseToken, environment, startContoso } from './bap-dataverse-client';
import { ManualClock } from './helpers';

describe('Dataverse application users: the 403 and its fix through BAP addAppUser', () => {
  let sim: RunningSimulator;
  /** Provisioning (scheduled work) runs only when the test says the delay has passed. */
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock();
    sim = await startContoso({ clock, config: { provisioningDelayMs: 200 } });
  });
  afterAll(() => sim.close());

  it('when the demo app has no application user in Finance Reporting, then 403 until addAppUser has provisioned one', async () => {
    const token = await dataverseToken(sim, 'contosofinrpt');
    const whoAmI = () => call(`${sim.urls.dataverse('contosofinrpt')}api/data/v9.2/WhoAmI`, token);
    expect((await whoAmI()).body).toEqual({ error: { code: '0x80072560', message: 'The user is not a member of the organization.' } });

    const env = environment(sim, 'Finance Reporting');
    const fix = await call(`${sim.urls.bap}${ENVIRONMENTS}/${env.id}/addAppUser?api-version=2020-10-01`, await bapToken(sim), {
      method: 'POST',
      body: { servicePrincipalAppId: sim.demoClient.clientId },
    });
    expect(fix.status).toBe(200);
    expect((await whoAmI()).status).toBe(403);
    expect(clock.scheduled.at(-1)).toMatchObject({ delayMs: 200, state: 'pending' });
    expect(clock.runScheduled()).toBe(1);
    const reply = await whoAmI();
    expect(reply.status).toBe(200);
    const row = env.dataverse?.systemUsers.find((r) => r.applicationId === sim.demoClient.clientId);
    expect(row).toMatchObject({ accessMode: 4, fullName: '# Dataverse Access Bot (demo)', isDisabled: false });
    expect(reply.body).toMatchObject({ UserId: row?.systemUserId });

    // §3.1: the new application user has no security role yet, so it can sign in (WhoAmI) but read nothing.
    const users = await call(`${sim.urls.dataverse('contosofinrpt')}api/data/v9.2/systemusers?$top=1`, token);
    expect(users.status).toBe(403);
    expect(users.body).toMatchObject({ error: { code: '0x80040220', message: expect.stringContaining('is missing prvReadUser privilege') } });
    const role = env.dataverse?.roles[0];
    row?.roleIds.push(role?.id as string);
    expect((await call(`${sim.urls.dataverse('contosofinrpt')}api/data/v9.2/systemusers?$top=1`, token)).status).toBe(200);
  });

  it('when addAppUser names an app the tenant does not know or has no body, then it fails and adds nothing', async () => {
    const env = environment(sim, 'Contoso Trial');
    sim.setConfig({ provisioningDelayMs: 0 });
    const before = env.dataverse?.systemUsers.length;
    const url = `${sim.urls.bap}${ENVIRONMENTS}/${env.id}/addAppUser?api-version=${API_VERSION}`;
    const token = await bapToken(sim);
    expect((await call(url, token, { method: 'POST', body: { servicePrincipalAppId: '99999999-9999-4999-8999-999999999999' } })).status).toBe(404);
    expect((await call(url, token, { method: 'POST', body: {} })).status).toBe(400);
    expect((await call(url, await bapToken(sim, REPORTING_APP), { method: 'POST', body: { servicePrincipalAppId: REPORTING_APP.clientId } })).status).toBe(403);
    expect(clock.runScheduled()).toBe(0);
    expect(env.dataverse?.systemUsers.length).toBe(before);
  });
});
