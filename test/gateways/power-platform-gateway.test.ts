import { readFileSync } from 'node:fs';
import { CONTOSO_FIXTURE_PATH } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import { AppError } from '../../src/errors';
import { createGateways } from '../../src/gateways/create-gateways';
import { CONTOSO, startHarness, testConfig, type Harness } from './helpers/sim-gateways';

const AVERY = 'b43198d0-9e9b-4d3c-aca9-843ef0d94002'; // in UAT Access, Power Apps Premium
const LUCAS = '89bd5d8e-5389-48a6-8fdf-d1813b0d3de6'; // in UAT Access, Business Basic only (no Dataverse plan)

describe('PowerPlatformGateway against the simulated Contoso tenant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { provisioningDelayMs: 0 } });
  });
  afterEach(() => h.sim.setConfig({ bap: { random429Rate: 0, random503Rate: 0, retryAfterSeconds: 0 } }));
  afterAll(() => h.close());

  const bapRequests = (): number => h.sim.stats().requests.bap;

  describe('environments', () => {
    it('when environments are listed, then each maps Dataverse, security group and AppPass capacity', async () => {
      const environments = await h.gateways.powerPlatform.listEnvironments();

      expect(environments).toHaveLength(h.sim.state().fixture.environments.length);
      const uat = environments.find((e) => e.id === CONTOSO.environments.uat);
      expect(uat).toMatchObject({ displayName: 'UAT', sku: 'Sandbox', isDefault: false, runtimeState: 'Enabled' });
      expect(uat?.dataverse).toEqual({ instanceUrl: expect.stringContaining('/dataverse/contosouat'), domainName: expect.any(String), securityGroupId: CONTOSO.groups.uatAccess });
      expect(environments.find((e) => e.id === CONTOSO.environments.marketing)?.dataverse).toBeNull();
      const defaultEnv = environments.find((e) => e.isDefault);
      expect(defaultEnv).toMatchObject({ id: CONTOSO.environments.default, sku: 'Default' });
      expect(defaultEnv?.dataverse?.securityGroupId).toBeNull();
      expect(environments.find((e) => e.displayName === 'Field Inspections')?.appPassCapacity).toBe(25);
    });

    it('when BAP pages the list with a top-level nextLink, then every page is followed', async () => {
      // The simulator pages at 50 environments; a tenant with 70 needs two requests.
      const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
      for (let i = 0; i < 59; i += 1) {
        fixture.environments.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Extra ${i}`, sku: 'Sandbox', runtimeState: 'Enabled', appPassCapacity: 0 });
      }
      const big = await startHarness({ fixture });
      try {
        const environments = await big.gateways.powerPlatform.listEnvironments();
        expect(new Set(environments.map((e) => e.id)).size).toBe(70);
        expect(big.sim.stats().requests.bap).toBe(2);
      } finally {
        await big.close();
      }
    });

    it('when one environment is read, then it matches the list; unknown → null; malformed id → input.invalid without a request', async () => {
      const production = await h.gateways.powerPlatform.getEnvironment(CONTOSO.environments.production);
      expect(production).toMatchObject({ displayName: 'Contoso Production', sku: 'Production' });
      await expect(h.gateways.powerPlatform.getEnvironment('00000000-1111-2222-3333-444444444444')).resolves.toBeNull();

      const before = bapRequests();
      await expect(h.gateways.powerPlatform.getEnvironment('../adminApplications')).rejects.toMatchObject({ code: 'input.invalid' });
      await expect(h.gateways.powerPlatform.addUser('UAT', AVERY)).rejects.toMatchObject({ code: 'input.invalid' });
      await expect(h.gateways.powerPlatform.addUser(CONTOSO.environments.uat, "' or 1 eq 1")).rejects.toMatchObject({ code: 'input.invalid' });
      expect(bapRequests()).toBe(before);
    });
  });

  describe('addUser', () => {
    it('when the user is eligible, then ok', async () => {
      await expect(h.gateways.powerPlatform.addUser(CONTOSO.environments.uat, AVERY)).resolves.toEqual({ ok: true });
    });

    it('when the user is outside the security group, then rejected with userNotPartOfSecurityGroup', async () => {
      const outcome = await h.gateways.powerPlatform.addUser(CONTOSO.environments.uat, CONTOSO.users.jane);
      expect(outcome).toMatchObject({ ok: false, kind: 'rejected', status: 400, code: 'userNotPartOfSecurityGroup' });
      if (!outcome.ok && outcome.kind === 'rejected') expect(outcome.description).toContain(CONTOSO.users.jane);
    });

    it('when the user has no licence, then rejected with userNotLicensed', async () => {
      await expect(h.gateways.powerPlatform.addUser(CONTOSO.environments.uat, LUCAS)).resolves.toMatchObject({ ok: false, kind: 'rejected', code: 'userNotLicensed' });
    });

    it('when BAP throttles, then throttled with Retry-After in ms and no retry was made', async () => {
      h.sim.setConfig({ bap: { random429Rate: 1, retryAfterSeconds: 7 } });
      const before = bapRequests();
      await expect(h.gateways.powerPlatform.addUser(CONTOSO.environments.uat, AVERY)).resolves.toEqual({ ok: false, kind: 'throttled', status: 429, retryAfterMs: 7000 });
      expect(bapRequests() - before).toBe(1);
    });

    it('when BAP answers 503, then transient, once', async () => {
      h.sim.setConfig({ bap: { random503Rate: 1 } });
      const before = bapRequests();
      await expect(h.gateways.powerPlatform.addUser(CONTOSO.environments.uat, AVERY)).resolves.toMatchObject({ ok: false, kind: 'transient', status: 503 });
      expect(bapRequests() - before).toBe(1);
    });

    it('when the app is not a Power Platform management app, then bap.forbidden with the registration hint is thrown', async () => {
      const notManagement = h.gatewaysFor(CONTOSO.reportingApp);
      const error = (await notManagement.powerPlatform.addUser(CONTOSO.environments.uat, AVERY).catch((e: unknown) => e)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('bap.forbidden');
      expect(error.userMessage).toBe("The bot's app registration is not registered as a Power Platform management application. An admin must register it (see docs/deploy.md).");
      await expect(notManagement.powerPlatform.listEnvironments()).rejects.toMatchObject({ code: 'bap.forbidden' });
    });

    it('when the BAP server cannot be reached, then transient with status 0 (and reads fail as upstream.unavailable)', async () => {
      const config = testConfig(h.sim);
      const dead = createGateways({ ...config, microsoft: { ...config.microsoft, cloud: { ...config.microsoft.cloud, bap: { ...config.microsoft.cloud.bap, baseUrl: 'http://127.0.0.1:1' } } } }, { tokenProvider: h.tokens, retryPolicy: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } });

      await expect(dead.powerPlatform.addUser(CONTOSO.environments.uat, AVERY)).resolves.toMatchObject({ ok: false, kind: 'transient', status: 0 });
      await expect(dead.powerPlatform.listEnvironments()).rejects.toMatchObject({ code: 'upstream.unavailable' });
    });
  });
});
