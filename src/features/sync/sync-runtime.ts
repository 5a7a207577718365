import type { Deps } from '../../app/deps';
import type { Periodic } from '../../app/periodic';
import { createJobRunner } from '../../jobs/create-runner';
import type { JobRunner } from '../../jobs/job-runner';
import { expireStalePreviews, PREVIEW_SWEEP_MS } from './expire-previews';
import { createJobReporter } from './job-reporter';
import { setAfterSyncStep } from '../../jobs/after-sync';
import { createRoleStep } from './role-step/role-step';

/**
 * The background side of sync in this process: the job runner (in-process with SQLite, pg-boss with
 * PostgreSQL), and work started by turns but not awaited by them (group previews, a diagnosis card's "Sync now").
 */
export class SyncRuntime {
  private readonly background = new Set<Promise<unknown>>();
  private sweeper: Periodic | null = null;

  constructor(readonly engine: JobRunner) {}

  /** Runs work after the turn has answered; failures are the work's own business (it reports them). */
  runInBackground(work: () => Promise<unknown>): void {
    const task = work().finally(() => this.background.delete(task));
    this.background.add(task);
  }

  /** Expires unconfirmed previews now and every PREVIEW_SWEEP_MS (once per interval across instances) until stopped. */
  startPreviewSweeper(deps: Deps): void {
    this.sweeper ??= this.engine.repeat({
      name: 'preview-expiry',
      intervalMs: PREVIEW_SWEEP_MS,
      run: () => expireStalePreviews(deps),
      immediately: true,
      onError: (error) => deps.log.warn({ err: error }, 'preview expiry failed'),
    });
  }

  /** Shutdown: no new sweeps, in-flight adds finish (the rest resumes at the next start), started work finishes. */
  async stop(): Promise<void> {
    await this.sweeper?.stop();
    this.sweeper = null;
    await this.engine.stop();
    await this.backgroundSettled();
  }

  /** Resolves when nothing is left running (tests, CLI). */
  async idle(): Promise<void> {
    await this.backgroundSettled();
    await this.engine.idle();
    if (this.background.size > 0) await this.idle();
  }

  private async backgroundSettled(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }
}

const runtimes = new WeakMap<Deps['db'], SyncRuntime>();

/** One runtime per store (= per process): created on first use. */
export function syncRuntimeFor(deps: Deps): SyncRuntime {
  let runtime = runtimes.get(deps.db);
  if (!runtime) {
    const engine = createJobRunner(
      { db: deps.db, powerPlatform: deps.powerPlatform, dataverse: deps.dataverse, log: deps.log, sync: deps.config.sync, telemetry: deps.telemetry },
      createJobReporter(deps),
      { kind: deps.store.kind, config: deps.config },
    );
    runtime = new SyncRuntime(engine);
    runtimes.set(deps.db, runtime);
    setAfterSyncStep(deps.db, createRoleStep(deps));
  }
  return runtime;
}

/** Call once at start-up: jobs that were queued or running when the process stopped carry on, and stale previews expire. */
export function resumeSyncJobs(deps: Deps): Promise<string[]> {
  const runtime = syncRuntimeFor(deps);
  runtime.startPreviewSweeper(deps);
  return runtime.engine.resumeUnfinished();
}

/** Call on shutdown: in-flight adds finish, the rest resumes at the next start. */
export async function stopSyncJobs(deps: Deps): Promise<void> {
  await runtimes.get(deps.db)?.stop();
}
