import type { Logger } from 'pino';
import type { Config } from '../config';
import { toAppError } from '../errors';
import type { AddUserOutcome, DataverseGateway, PowerPlatformGateway } from '../gateways/types';
import { traceJob, type JobTrace } from '../observability/job-telemetry';
import type { Telemetry } from '../observability/telemetry';
import type { Db } from '../store/schema';
import type { AdaptiveLimiter } from './adaptive-limiter';
import type { Clock } from './clock';
import { getJob, transitionJob } from './job-store';
import type { SyncJob } from './job-types';
import { reportAdmission, runJob } from './run-job';

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

/** What one run of a job needs: the in-process engine and the pg-boss lane give the same. */
export interface JobExecution {
  deps: JobEngineDeps;
  listener: JobListener;
  /** The one limiter of the addUser lane every running job shares. */
  limiter: AdaptiveLimiter;
  clock: Clock;
}

/**
 * How a run ended: `finished` (done or failed, the listener told), `interrupted` (asked to stop:
 * the job stays `running` and resumes from its member rows), `not-runnable` (already finished,
 * cancelled, still a preview, or gone).
 */
export type RunEnd = 'finished' | 'interrupted' | 'not-runnable';

/** Runs one queued (or interrupted) job to its end, unless `shouldStop` turns true on the way. */
export async function executeJob(x: JobExecution, jobId: string, shouldStop: () => boolean): Promise<RunEnd> {
  const { db } = x.deps;
  if (!(await transitionJob(db, jobId, ['queued', 'running'], 'running', { now: x.clock.now() }))) return 'not-runnable';
  const job = await getJob(db, jobId);
  if (!job) return 'not-runnable';
  const trace = traceJob(x.deps.telemetry, job);
  try {
    return await trace.run(() => runToEnd(x, job, trace, shouldStop));
  } finally {
    trace.end(await getJob(db, jobId).catch(() => null));
  }
}

async function runToEnd(x: JobExecution, job: SyncJob, trace: JobTrace, shouldStop: () => boolean): Promise<RunEnd> {
  const { db, log, sync } = x.deps;
  const jobId = job.id;
  log.info({ jobId, kind: job.kind, members: job.totals.members }, 'sync job started');
  try {
    await runJob(job, {
      ...x.deps,
      limiter: x.limiter,
      clock: x.clock,
      policy: {
        maxRetries: sync.maxRetries,
        licenceWaitMs: job.options.waitForLicences ? sync.licenceWaitSeconds * 1000 : 0,
        baseBackoffMs: 500,
        maxBackoffMs: 15_000,
        maxThrottles: 50,
      },
      confirmVisibilityMs: sync.confirmVisibilitySeconds * 1000,
      progressIntervalMs: sync.progressIntervalSeconds * 1000,
      onProgress: async (totals) => {
        const current = await getJob(db, jobId, totals);
        if (current) await x.listener.onProgress(current);
      },
      shouldStop,
      onThrottled: trace.throttled,
      onMemberDone: trace.memberDone,
    });
    if (shouldStop()) return 'interrupted';
    await transitionJob(db, jobId, ['running'], 'done', { now: x.clock.now() });
  } catch (error) {
    const appError = toAppError(error);
    log.error({ err: error, jobId }, 'sync job failed');
    if (shouldStop()) return 'interrupted';
    await transitionJob(db, jobId, ['running'], 'failed', { now: x.clock.now(), error: appError.userMessage }).catch((storeError: unknown) => log.error({ err: storeError, jobId }, 'could not record the failed sync job'));
  }
  await finish(x, jobId);
  return 'finished';
}

async function finish(x: JobExecution, jobId: string): Promise<void> {
  const finished = await getJob(x.deps.db, jobId);
  if (!finished) return;
  x.deps.log.info({ jobId, state: finished.state, totals: finished.totals, limiter: x.limiter.snapshot() }, 'sync job finished');
  await x.listener.onFinished(finished).catch((error: unknown) => x.deps.log.error({ err: error, jobId }, 'could not report the end of a sync job'));
}

/**
 * One addUser outside a job (a diagnosis card's Sync now), admitted by the lane's limiter like
 * every job's, so it neither jumps the queue of a running sync nor provokes a 429 of its own.
 */
export async function addUserAdmitted(limiter: AdaptiveLimiter, powerPlatform: PowerPlatformGateway, environmentId: string, objectId: string): Promise<AddUserOutcome> {
  const permit = await limiter.acquire();
  let outcome: AddUserOutcome;
  try {
    outcome = await powerPlatform.addUser(environmentId, objectId);
  } catch (error) {
    permit.failed();
    throw error;
  }
  reportAdmission(permit, outcome);
  return outcome;
}
