/**
 * Several bot instances in this process, on ONE PostgreSQL database and ONE simulated tenant: each
 * its own composition (store pool, pg-boss, job runner, adapter), as App Service runs N copies.
 */
import { syncRuntimeFor } from '../../../src/features/sync';
import type { Config } from '../../../src/config';
import { startSimulator, type RunningSimulator } from '../../../src/sim/server';
import type { TenantFixture } from '../../../src/sim/model';
import type { SimConfig } from '../../../src/sim/types';
import type { DeepPartial } from '../../../src/sim/server';
import { createTestBot, type TestBot } from '../../helpers/bot-harness';
import { newPostgresDatabase } from '../../helpers/stores';

export interface Cluster {
  sim: RunningSimulator;
  databaseUrl: string;
  instances: TestBot[];
  close(): Promise<void>;
}

export async function startCluster(count: number, options: {
  fixture?: TenantFixture;
  simConfig?: DeepPartial<SimConfig>;
  env?: Record<string, string>;
  configOverrides?: Partial<Config>;
  /** Start background work (offer the lane, repeated passes) on each, as the bot does at start-up. Default true. */
  background?: boolean;
} = {}): Promise<Cluster> {
  const sim = await startSimulator({
    port: 0,
    fixture: options.fixture,
    config: { graph: { latencyMs: 0, jitterMs: 0 }, bap: { latencyMs: 0, jitterMs: 0 }, dataverse: { latencyMs: 0, jitterMs: 0 }, ...options.simConfig } as DeepPartial<SimConfig>,
  });
  const databaseUrl = await newPostgresDatabase();
  const instances: TestBot[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      instances.push(await createTestBot({
        join: sim,
        env: { DATABASE_URL: databaseUrl, JOB_HEARTBEAT_SECONDS: '10', ...options.env },
        configOverrides: options.configOverrides,
      }));
    }
    if (options.background ?? true) await Promise.all(instances.map((bot) => bot.app.startBackgroundWork()));
  } catch (error) {
    await Promise.allSettled(instances.map((bot) => bot.close()));
    await sim.close();
    throw error;
  }
  return {
    sim,
    databaseUrl,
    instances,
    async close() {
      await Promise.allSettled(instances.map((bot) => bot.close()));
      await sim.close();
    },
  };
}

/** Waits until the jobs started from each instance have finished, wherever they ran. */
export async function clusterIdle(cluster: Cluster): Promise<void> {
  for (const bot of cluster.instances) await syncRuntimeFor(bot.deps).idle();
}
