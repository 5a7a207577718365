import type { AddUserOutcome } from '../gateways/types';
import { runPeriodically, type Periodic } from '../app/periodic';
import { AdaptiveLimiter } from './adaptive-limiter';
import { systemClock, type Clock } from './clock';
import { addUserAdmitted, executeJob, type JobEngineDeps, type JobExecution, type JobListener } from './execute-job';
import type { JobRunner, RepeatedTask } from './job-runner';
import { unfinishedJobIds } from './job-store';
import { observeJobEngine } from '../observability/job-telemetry';

export type { JobEngineDeps, JobListener } from './execute-job';

/**
 * Runs sync jobs in the background of the process (the runner with SQLite: one instance). One
 * limiter for BAP addUser is shared by every job, so a 429 pauses all workers of that API,
 * whichever job they belong to.
 */
export class SyncJobEngine implements JobRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly clock: Clock;
  private readonly limiter: AdaptiveLimiter;
  private readonly execution: JobExecution;
  private readonly unobserve: () => void;
  private stopping = false;

  constructor(private readonly deps: JobEngineDeps, listener: JobListener) {
    this.clock = deps.clock ?? systemClock;
    this.limiter = new AdaptiveLimiter({
      minConcurrency: deps.sync.minConcurrency, maxConcurrency: deps.sync.maxConcurrency, clock: this.clock, probeIntervalMs: deps.probeIntervalMs,
    });
    this.execution = { deps, listener, limiter: this.limiter, clock: this.clock };
    this.unobserve = observeJobEngine(deps.telemetry, {
      limiter: () => this.limiter.snapshot(),
      running: () => this.running.size,
      queued: async () => (await unfinishedJobIds(deps.db)).filter((id) => !this.running.has(id)).length,
    });
  }

  /** Starts a queued (or interrupted) job without waiting for it to run. */
  async start(jobId: string): Promise<void> {
    if (this.stopping || this.running.has(jobId)) return;
    const run = executeJob(this.execution, jobId, () => this.stopping)
      .then(() => undefined)
      .catch((error: unknown) => this.deps.log.error({ err: error, jobId }, 'sync job stopped on a store error; it resumes at the next start'))
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, run);
  }

  /** Picks up every job that was queued or running when the process stopped. */
  async resumeUnfinished(): Promise<string[]> {
    const ids = await unfinishedJobIds(this.deps.db);
    for (const id of ids) await this.start(id);
    if (ids.length > 0) this.deps.log.info({ jobs: ids }, 'resuming unfinished sync jobs');
    return ids;
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /** Resolves when no job is running (CLI, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  addUserNow(environmentId: string, objectId: string): Promise<AddUserOutcome> {
    return addUserAdmitted(this.limiter, this.deps.powerPlatform, environmentId, objectId);
  }

  /** In this process: one instance, so every interval here is every interval. */
  repeat(task: RepeatedTask): Periodic {
    return runPeriodically(task.intervalMs, task.run, { onError: task.onError, immediately: task.immediately });
  }

  /** Shutdown: take no new members, let in-flight adds finish; jobs stay `running` and resume on next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
    this.unobserve();
  }
}
