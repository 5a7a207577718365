import type { Config } from '../config';
import { AppError } from '../errors';
import { CLOUDS, type Cloud } from '../gateways/auth/clouds';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim/server';

export type SimulatorStartOptions = Pick<SimulatorOptions, 'fixture' | 'config'>;

export interface SimulatedTenant {
  /** The input config pointed at the simulator: URLs, demo app credential, tenant id and name. */
  config: Config;
  origin: string;
  tokenUrl: string;
  tenantName: string;
  inProcess: boolean;
  /** The in-process simulator (null when joined by SIM_URL). */
  running: RunningSimulator | null;
  close(): Promise<void>;
}

interface TenantFacts {
  tenantId: string;
  tenantName: string;
  clientId: string;
  clientSecret: string;
}

/** Starts the simulator in-process on a free loopback port, or joins the one at SIM_URL. */
export async function joinSimulatedTenant(config: Config, options: SimulatorStartOptions): Promise<SimulatedTenant> {
  if (config.simulator.url !== null) {
    const origin = config.simulator.url;
    const facts = await readRemoteTenant(origin);
    return build(config, origin, facts, null);
  }
  const running = await startSimulator({ port: 0, fixture: options.fixture ?? config.simulator.tenantFile ?? undefined, config: options.config });
  const fixture = running.state().fixture;
  const facts = { tenantId: running.tenantId, tenantName: fixture.tenant.displayName, ...running.demoClient };
  return build(config, running.origin, facts, running);
}

function build(config: Config, origin: string, facts: TenantFacts, running: RunningSimulator | null): SimulatedTenant {
  const { tenantId, tenantName, clientId, clientSecret } = facts;
  return {
    config: Object.freeze({
      ...config,
      tenantId,
      microsoft: {
        ...config.microsoft,
        cloud: simulatedCloud(origin),
        credential: { kind: 'clientSecret' as const, tenantId, clientId, clientSecret },
      },
      simulator: { ...config.simulator, tenantName },
    }),
    origin,
    tokenUrl: `${origin}/${tenantId}/oauth2/v2.0/token`,
    tenantName,
    inProcess: running !== null,
    running,
    close: async () => running?.close(),
  };
}

/**
 * The simulator's URLs with the public cloud's token scopes: it plays a public-cloud tenant. APIs it does
 * not serve yet still point at it, so nothing in simulated mode reaches Microsoft.
 */
export function simulatedCloud(origin: string): Cloud {
  const at = (api: Cloud['graph'], path: string) => ({ ...api, baseUrl: `${origin}/${path}` });
  const { graph, bap, powerApps, powerPlatformApi } = CLOUDS.public;
  return {
    ...CLOUDS.public,
    label: 'Public (simulated)',
    authorityHost: origin,
    graph: at(graph, 'graph'),
    bap: at(bap, 'bap'),
    powerApps: at(powerApps, 'powerapps'),
    powerPlatformApi: at(powerPlatformApi, 'powerplatform'),
  };
}

/** The tenant and demo app of a running simulator, from its control endpoint (not the whole state: a 200,000-user tenant would not fit in the bot's heap). */
async function readRemoteTenant(origin: string): Promise<TenantFacts> {
  let fixture: { tenant?: { id?: string; displayName?: string }; apps?: { clientId: string; clientSecret: string; managementApp: boolean }[] };
  try {
    const response = await fetch(`${origin}/_sim/tenant`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    fixture = (await response.json()) as typeof fixture;
  } catch (error) {
    throw new AppError('config.invalid', `SIM_URL ${origin} does not answer as a simulated tenant (GET /_sim/tenant failed: ${error instanceof Error ? error.message : String(error)}). Start it with npm run sim, or unset SIM_URL.`, { cause: error });
  }
  const app = fixture.apps?.find((a) => a.managementApp) ?? fixture.apps?.[0];
  if (!fixture.tenant?.id || !app) throw new AppError('config.invalid', `SIM_URL ${origin} answered, but without a tenant id and an app registration.`);
  return { tenantId: fixture.tenant.id, tenantName: fixture.tenant.displayName ?? fixture.tenant.id, clientId: app.clientId, clientSecret: app.clientSecret };
}
