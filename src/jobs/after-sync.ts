import type { SystemUser } from '../gateways/types';
import type { Db } from '../store/schema';
import type { SyncJob } from './job-types';

/** A synced member as the visibility check found it in Dataverse (enabled). */
export interface VisibleMember {
  seq: number;
  objectId: string;
  row: SystemUser;
}

/**
 * Work a job does for its synced members once Dataverse shows them: the sync feature's role and
 * business-unit step (src/features/sync/role-step). `run` gets the members found visible during this
 * run; members made visible by an earlier run (a restart) are for the step to find in the store.
 */
export interface AfterSyncStep {
  wants(job: SyncJob): boolean;
  run(job: SyncJob, visible: readonly VisibleMember[]): Promise<void>;
}

const steps = new WeakMap<object, AfterSyncStep>();

/** The step of the jobs kept in this store (set once by whoever runs them: the bot's runtime, the CLI). */
export function setAfterSyncStep(db: Db, step: AfterSyncStep): void {
  steps.set(db, step);
}

export function afterSyncStepFor(db: Db): AfterSyncStep | undefined {
  return steps.get(db);
}
