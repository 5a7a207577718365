import type { Config } from '../config';
import type { StoreKind } from '../store/dialect';
import { configuredPostgres } from '../store/postgres-connection';
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
  store: { kind: StoreKind; config: Pick<Config, 'database' | 'microsoft'> },
  role: 'bot' | 'cli' = 'bot',
): JobRunner {
  if (store.kind === 'sqlite') return new SyncJobEngine(deps, listener);
  const connection = configuredPostgres(store.config);
  if (!connection) throw new Error('A PostgreSQL store without DATABASE_URL: pg-boss needs the connection');
  return new BossJobRunner(deps, listener, { connection, timing: bossTiming(store.config.database?.jobHeartbeatSeconds ?? 20), log: deps.log, role });
}
