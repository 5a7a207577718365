import type { Logger } from 'pino';
import type { Config } from '../config';
import { toAppError } from '../errors';
import type { AddUserOutcome, DataverseGateway, PowerPlatformGateway } from '../gateways/types';
import { AdaptiveLimiter } from './adaptive-limiter';
import { reportAdmission } from './run-job';
import { systemClock, type Clock } from './clock';
import { getJob, transitionJob, unfinishedJobIds } from './job-store';
import type { SyncJob } from './job-types';
import { runJob } from './run-job';
import { observeJobEngine, traceJob, type JobTrace } from '../observability/job-telemetry';
import type { Telemetry } from '../observability/telemetry';
import type { Db } from '../store/schema';

/** How the world hears about a job: the sync feature turns these into card updates and messages. */
export interface JobListener {
  onProgress(job: SyncJob): Promise<void>;
  onFinished(job: SyncJob): Promise<void>;
}

export interface JobEngineDeps {
  db: Db;
  powerPlatform: PowerPlatformGateway;
  dataverse: DataverseGateway;
  log: Logger;
  sync: Config['sync'];
  /** A `sync.job` span and counters per run (src/observability); default none. */
  telemetry?: Telemetry;
  clock?: Clock;
  /** Limiter tuning for tests; production uses the defaults. */
  probeIntervalMs?: number;
}

/**
 * Runs sync jobs in the background of the process. One limiter for BAP addUser is shared by every
 * job, so a 429 pauses all workers of that API, whichever job they belong to.
 */
export class SyncJobEngine {
  private readonly running = new Map<string, Promise<void>>();
  private readonly clock: Clock;
  private readonly limiter: AdaptiveLimiter;
  private readonly unobserve: () => void;
  private stopping = false;

  constructor(private readonly deps: JobEngineDeps, private readonly listener: JobListener) {
    this.clock = deps.clock ?? systemClock;
    this.limiter = new AdaptiveLimiter({
      minConcurrency: deps.sync.minConcurrency, maxConcurrency: deps.sync.maxConcurrency, clock: this.clock, probeIntervalMs: deps.probeIntervalMs,
    });
    this.unobserve = observeJobEngine(deps.telemetry, {
      limiter: () => this.limiter.snapshot(),
      running: () => this.running.size,
      queued: async () => (await unfinishedJobIds(deps.db)).filter((id) => !this.running.has(id)).length,
    });
  }

  /** Starts a queued (or interrupted) job without waiting for it to run. */
  async start(jobId: string): Promise<void> {
    if (this.stopping || this.running.has(jobId)) return;
    const run = this.execute(jobId)
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

  /**
   * One addUser outside a job (a diagnosis card's Sync now), admitted by the same limiter as every
   * job's, so it neither jumps the queue of a running sync nor provokes a 429 of its own.
   */
  async addUserNow(environmentId: string, objectId: string): Promise<AddUserOutcome> {
    const permit = await this.limiter.acquire();
    let outcome: AddUserOutcome;
    try {
      outcome = await this.deps.powerPlatform.addUser(environmentId, objectId);
    } catch (error) {
      permit.failed();
      throw error;
    }
    reportAdmission(permit, outcome);
    return outcome;
  }

  /** Shutdown: take no new members, let in-flight adds finish; jobs stay `running` and resume on next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
    this.unobserve();
  }

  private async execute(jobId: string): Promise<void> {
    const { db } = this.deps;
    if (!(await transitionJob(db, jobId, ['queued', 'running'], 'running', { now: this.clock.now() }))) return;
    const job = await getJob(db, jobId);
    if (!job) return;
    const trace = traceJob(this.deps.telemetry, job);
    try {
      await trace.run(() => this.runToEnd(job, trace));
    } finally {
      trace.end(await getJob(db, jobId).catch(() => null));
    }
  }

  private async runToEnd(job: SyncJob, trace: JobTrace): Promise<void> {
    const { db, log, sync } = this.deps;
    const jobId = job.id;
    log.info({ jobId, kind: job.kind, members: job.totals.members }, 'sync job started');
    try {
      await runJob(job, {
        ...this.deps,
        limiter: this.limiter,
        clock: this.clock,
        policy: {
          maxRetries: sync.maxRetries,
          licenceWaitMs: job.options.waitForLicences ? sync.licenceWaitSeconds * 1000 : 0,
          baseBackoffMs: 500,
          maxBackoffMs: 15_000,
          maxThrottles: 50,
        },
        confirmVisibilityMs: sync.confirmVisibilitySeconds * 1000,
        progressIntervalMs: sync.progressIntervalSeconds * 1000,
        onProgress: async () => {
          const current = await getJob(db, jobId);
          if (current) await this.listener.onProgress(current);
        },
        shouldStop: () => this.stopping,
        onThrottled: trace.throttled,
        onMemberDone: trace.memberDone,
      });
      if (this.stopping) return;
      await transitionJob(db, jobId, ['running'], 'done', { now: this.clock.now() });
    } catch (error) {
      const appError = toAppError(error);
      log.error({ err: error, jobId }, 'sync job failed');
      if (this.stopping) return;
      await transitionJob(db, jobId, ['running'], 'failed', { now: this.clock.now(), error: appError.userMessage }).catch((storeError: unknown) => log.error({ err: storeError, jobId }, 'could not record the failed sync job'));
    }
    await this.finish(jobId);
  }

  private async finish(jobId: string): Promise<void> {
    const finished = await getJob(this.deps.db, jobId);
    if (!finished) return;
    this.deps.log.info({ jobId, state: finished.state, totals: finished.totals, limiter: this.limiter.snapshot() }, 'sync job finished');
    await this.listener.onFinished(finished).catch((error: unknown) => this.deps.log.error({ err: error, jobId }, 'could not report the end of a sync job'));
  }
}
