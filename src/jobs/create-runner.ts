import type { Config } from '../config';
import type { StoreKind } from '../store/dialect';
import { BossJobRunner } from './boss/boss-runner';
import { bossTiming } from './boss/timing';
import type { JobEngineDeps, JobListener } from './execute-job';
import { SyncJobEngine } from './job-engine';
import type { JobRunner } from './job-runner';

/**
 * The job runner for the store: in this process with SQLite (one instance), on pg-boss with
 * PostgreSQL (several instances on one database). `role` names the process in pg-boss's registry.
 */
export function createJobRunner(
  deps: JobEngineDeps,
  listener: JobListener,
  store: { kind: StoreKind; config: Pick<Config, 'database'> },
  role: 'bot' | 'cli' = 'bot',
): JobRunner {
  if (store.kind === 'sqlite') return new SyncJobEngine(deps, listener);
  const url = store.config.database?.url;
  if (!url) throw new Error('A PostgreSQL store without DATABASE_URL: pg-boss needs the connection string');
  return new BossJobRunner(deps, listener, { url, timing: bossTiming(store.config.database?.jobHeartbeatSeconds ?? 20), log: deps.log, role });
}
