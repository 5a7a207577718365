import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeepPartial, SimStats } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import type { SimConfig } from '../../src/sim/types';
import { startTsProcess, type Child } from './child-process';

export interface SimulatorProcess {
  readonly origin: string;
  readonly process: Child;
  configure(patch: DeepPartial<SimConfig>): Promise<void>;
  stats(): Promise<SimStats>;
  clearStats(): Promise<void>;
  /** Back to the fixture as loaded (provisioned users, added members and scheduled work dropped). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The product's simulator CLI (`src/sim/cli.ts --port 0 --tenant FILE`) in its own process.
 * With BENCH_SIM_CPU_PROFILE=<directory> in the environment it runs under `node --cpu-prof` and
 * writes one V8 CPU profile per simulator process into that directory when it stops.
 */
export async function startSimulatorProcess(fixture: TenantFixture, config: DeepPartial<SimConfig>): Promise<SimulatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-'));
  const file = join(dir, 'tenant.json');
  writeFileSync(file, JSON.stringify(fixture));
  let child: Child;
  try {
    const profileDir = process.env.BENCH_SIM_CPU_PROFILE;
    const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    child = await startTsProcess('src/sim/cli.ts', ['--port', '0', '--tenant', file], /listening on http:\/\//, { nodeArgs });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const origin = /listening on (http:\/\/\S+)/.exec(child.readyLine)?.[1];
  if (!origin) throw new Error(`cannot read the simulator origin from: ${child.readyLine}`);
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${origin}/_sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /_sim${path} → ${response.status}: ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  const sim: SimulatorProcess = {
    origin,
    process: child,
    configure: async (patch) => void (await control('POST', '/config', patch)),
    stats: async () => (await control('GET', '/stats')) as SimStats,
    clearStats: async () => void (await control('DELETE', '/stats')),
    reset: async () => void (await control('POST', '/reset')),
    stop: () => child.stop(),
  };
  await sim.configure(config);
  return sim;
}
