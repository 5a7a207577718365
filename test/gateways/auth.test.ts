import { AppError } from '../../src/errors';
import { CLOUDS } from '../../src/gateways/auth/clouds';
import { createTokenProvider } from '../../src/gateways/auth/token-provider';
import { createGateways } from '../../src/gateways/create-gateways';
import { CONTOSO, startHarness, testConfig, type Harness } from './helpers/sim-gateways';

describe('gateway authentication against the simulated tenant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('when Graph is called, then the request carries a bearer token the simulator accepts', async () => {
    const user = await h.gateways.graph.getUser(CONTOSO.users.jane);
    expect(user?.displayName).toBe('Jane Doe');
  });

  it('when many calls hit three surfaces, then exactly one token request is made per scope', async () => {
    const fresh = h.gatewaysFor(h.sim.demoClient);
    const before = h.sim.stats().requests.token;
    const org = h.sim.urls.dataverse('contosouat');
    await Promise.all([
      ...Array.from({ length: 5 }, () => fresh.graph.getUser(CONTOSO.users.jane)),
      ...Array.from({ length: 5 }, () => fresh.powerPlatform.getEnvironment(CONTOSO.environments.uat)),
      ...Array.from({ length: 5 }, () => fresh.dataverse.findSystemUser(org, CONTOSO.users.jane)),
    ]);
    await fresh.graph.getUser(CONTOSO.users.zoe);
    await fresh.dataverse.findSystemUser(org, CONTOSO.users.zoe);

    expect(h.sim.stats().requests.token - before).toBe(3);
  });

  it('when a token for the wrong audience is sent to Graph, then the 401 surfaces as auth.token', async () => {
    const wrongAudience = { getToken: () => h.tokens.getToken(CLOUDS.public.bap.scope) };
    const gateways = createGateways(testConfig(h.sim), { tokenProvider: wrongAudience });

    const error = await gateways.graph.getUser(CONTOSO.users.jane).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('auth.token');
  });

  it('when a token for the wrong audience is sent to Dataverse and BAP, then both surface as auth.token', async () => {
    const graphToken = { getToken: () => h.tokens.getToken(CLOUDS.public.graph.scope) };
    const gateways = createGateways(testConfig(h.sim), { tokenProvider: graphToken });

    await expect(gateways.dataverse.findSystemUser(h.sim.urls.dataverse('contosouat'), CONTOSO.users.jane)).rejects.toMatchObject({ code: 'auth.token' });
    await expect(gateways.powerPlatform.listEnvironments()).rejects.toMatchObject({ code: 'auth.token' });
  });

  it('when the client secret is wrong, then calls fail with auth.token and the secret appears in no message', async () => {
    const secret = 'totally-wrong-secret-value';
    const config = testConfig(h.sim, { clientId: h.sim.demoClient.clientId, clientSecret: secret });
    const gateways = createGateways(config, { tokenProvider: createTokenProvider(config, { simulatorTokenUrl: h.sim.urls.token }) });

    const error = (await gateways.graph.getUser(CONTOSO.users.jane).catch((e: unknown) => e)) as AppError;

    expect(error.code).toBe('auth.token');
    expect(`${error.userMessage} ${error.message}`).not.toContain(secret);
    expect(error.message).toContain('AADSTS7000215');
  });
});
