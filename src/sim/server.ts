import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type DeepPartial, defaultSimConfig } from './config';
import type { SimClock } from './clock';
import { SimulatorCore } from './core';
import { loadFixture } from './fixture';
import type { TenantFixture } from './model';
import type { SimStats } from './stats';
import type { SimConfig, TenantState } from './types';

export type { DeepPartial } from './config';
export type { SimStats } from './stats';
export type { SimClock } from './clock';

export interface SimulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A fixture object or a path to a fixture JSON file. Default: the Contoso demo tenant. */
  fixture?: TenantFixture | string;
  config?: DeepPartial<SimConfig>;
  /** Latency waits and scheduled work (provisioning). Default: real timers; tests pass a controllable one. */
  clock?: SimClock;
}

export interface RunningSimulator {
  origin: string;
  urls: { graph: string; bap: string; powerApps: string; token: string; dataverse(org: string): string };
  tenantId: string;
  /** The fixture's first management app (else its first app). Public demo data. */
  demoClient: { clientId: string; clientSecret: string };
  state(): TenantState;
  stats(): SimStats;
  /** Throws (changing nothing) when the patch is invalid. */
  setConfig(patch: DeepPartial<SimConfig>): void;
  reset(): void;
  close(): Promise<void>;
}

export const CONTOSO_FIXTURE_PATH = join(__dirname, 'tenants', 'contoso.json');

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const fixture = loadFixture(options.fixture ?? CONTOSO_FIXTURE_PATH);
  const core = new SimulatorCore(fixture, defaultSimConfig(), options.clock);
  if (options.config) core.setConfig(options.config);
  const server = createServer((req, res) => void core.handle(req, res));
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // a wildcard bind is reachable on loopback; nextLinks and instance URLs need a dialable host
  const bound = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const host = bound.includes(':') ? `[${bound}]` : bound;
  const origin = `http://${host}:${address.port}`;
  core.origin = origin;
  const tenantId = fixture.tenant.id;
  const app = fixture.apps.find((a) => a.managementApp) ?? fixture.apps[0];
  return {
    origin,
    urls: {
      graph: `${origin}/graph`,
      bap: `${origin}/bap`,
      powerApps: `${origin}/powerapps`,
      token: `${origin}/${tenantId}/oauth2/v2.0/token`,
      dataverse: (org) => `${origin}/dataverse/${org}/`,
    },
    tenantId,
    demoClient: { clientId: app?.clientId ?? '', clientSecret: app?.clientSecret ?? '' },
    state: () => core.state,
    stats: () => core.snapshotStats(),
    setConfig: (patch) => core.setConfig(patch),
    reset: () => core.reset(),
    close: async () => {
      core.cancelScheduled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
