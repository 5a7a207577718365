import { startSimulator } from '../../../src/sim/server';
import type { Config } from '../../../src/config';
import { simulatedCloud } from '../../../src/app/simulated-tenant';
import { createGateways, type Gateways } from '../../../src/gateways/create-gateways';
import { createTokenProvider, type TokenProvider } from '../../../src/gateways/auth/token-provider';
import type { RequestEvent } from '../../../src/gateways/http/request-event';

export type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;
type SimOptions = NonNullable<Parameters<typeof startSimulator>[0]>;

/** Zero latency and Retry-After 0, so retries in tests cost no wall time. */
const FAST = { latencyMs: 0, jitterMs: 0, retryAfterSeconds: 0 };

export function testConfig(sim: RunningSimulator, client: { clientId: string; clientSecret: string } = sim.demoClient): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    bot: { appId: null, appPassword: null, appType: 'SingleTenant', appTenantId: null },
    dataSource: 'simulated',
    tenantId: sim.tenantId,
    microsoft: {
      cloud: simulatedCloud(sim.origin),
      bapApiVersion: '2023-06-01',
      credential: { kind: 'clientSecret', tenantId: sim.tenantId, clientId: client.clientId, clientSecret: client.clientSecret },
    },
    simulator: { url: sim.origin, tenantFile: null, tenantName: null },
    storePath: ':memory:',
    defaultEnvironment: null,
    roles: { adminsGroupId: null, helpdeskGroupId: null },
    sync: { minConcurrency: 1, maxConcurrency: 4, maxRetries: 3, licenceWaitSeconds: 0, confirmVisibilitySeconds: 0, progressIntervalSeconds: 1 },
    confirmationTtlMinutes: 10, watchIntervalSeconds: 300,
    logLevel: 'silent',
  };
}

export interface Harness {
  sim: RunningSimulator;
  gateways: Gateways;
  tokens: TokenProvider;
  events: RequestEvent[];
  /** Gateways for another app registration (e.g. one that is not a management app). */
  gatewaysFor(client: { clientId: string; clientSecret: string }): Gateways;
  close(): Promise<void>;
}

export async function startHarness(options: SimOptions = {}): Promise<Harness> {
  const config = options.config ?? {};
  const sim = await startSimulator({
    port: 0,
    ...options,
    config: { ...config, graph: { ...FAST, ...config.graph }, bap: { ...FAST, ...config.bap }, dataverse: { ...FAST, ...config.dataverse } },
  });
  const events: RequestEvent[] = [];
  const build = (client: { clientId: string; clientSecret: string }) => {
    const cfg = testConfig(sim, client);
    const tokens = createTokenProvider(cfg, { simulatorTokenUrl: sim.urls.token });
    const gateways = createGateways(cfg, { tokenProvider: tokens, onRequest: (event) => events.push(event), retryPolicy: { maxRetries: 6, baseDelayMs: 5, maxDelayMs: 50 } });
    return { tokens, gateways };
  };
  const main = build(sim.demoClient);
  return { sim, events, ...main, gatewaysFor: (client) => build(client).gateways, close: () => sim.close() };
}

export const CONTOSO = {
  tenantId: '3f6a2c1e-8b4d-4e7a-9c2f-5d1b0a7e6c44',
  reportingApp: { clientId: '2a9e7c41-6b3d-4f8a-b15e-d4c3a2b1f0e9', clientSecret: 'reporting-client-secret-not-a-real-secret' },
  users: {
    jane: '1bc176ac-113e-4105-a8d2-93516aa828e1',
    siobhan: 'd6cd3e80-8cdd-461c-bf08-91a94f6b8c9e',
    zoe: 'f211eeba-d405-48d7-ac2b-b9c82c74b116',
    ingrid: 'b098f3a2-ffb2-42bd-88d7-a8b45bfda857',
    omar: '9a2d1e0d-abab-429f-bed0-8c2c685e5b65',
    fatima: '14e20f48-e54e-4635-ace2-2b15b31e8acf',
  },
  groups: {
    sales: '29f34872-3321-47a7-9b43-ad83e8b0c7ca',
    financialCoordinators: '41ad82d2-14ea-494f-bd07-e4277b0ceea5',
    uatAccess: 'b334d23a-c075-4b09-a359-4e9089de4a59',
  },
  environments: {
    uat: 'ceb11b53-d685-4c77-9a64-37b481898617',
    production: '667c2848-72a8-4a03-a959-694b017ae7fd',
    marketing: 'e2117cb3-8ac9-4a96-ad65-83fd199d9f40',
    default: 'Default-3f6a2c1e-8b4d-4e7a-9c2f-5d1b0a7e6c44',
  },
} as const;
