import type { Job, PgBoss } from 'pg-boss';
import { AppError, toAppError } from '../../errors';
import type { AddUserOutcome } from '../../gateways/types';
import { addUserAdmitted, executeJob, type JobExecution } from '../execute-job';
import { ADD_USER_QUEUE, JOB_QUEUE, LANE_QUEUE } from './queues';
import type { BossTiming } from './timing';

/** Sync jobs the lane holder runs at once (they share its limiter, as in one process). */
const PARALLEL_JOBS = 16;
const PARALLEL_ADD_USERS = 8;

export interface SyncJobData {
  jobId: string;
}

export interface AddUserRequest {
  environmentId: string;
  objectId: string;
}

/** What the lane holder stores as a Sync now's output: the outcome, or the coded error it threw (user-safe text only). */
export type AddUserReply = { outcome: AddUserOutcome } | { error: { code: AppError['code']; message: string } };

/**
 * The addUser lane of this instance (design, and why: docs/sync.md "Several instances"): every
 * instance offers to hold it; pg-boss gives its one job to one of them. While this instance holds
 * it, it works the sync jobs and Sync now requests of every instance through its one limiter. It
 * lets go when the instance stops or pg-boss takes the lane away (heartbeat lost): its running jobs
 * stop taking members, finish the adds in flight and go back to pg-boss, which hands them to the
 * next holder. Letting go is a failed attempt in pg-boss, so the lane's job is retried elsewhere.
 */
export class AddUserLane {
  private holding: AbortSignal | null = null;
  private readonly stopping = new AbortController();
  private offered: string | null = null;
  private readonly runs = new Set<Promise<unknown>>();

  constructor(
    private readonly boss: PgBoss,
    private readonly execution: JobExecution,
    private readonly timing: BossTiming,
  ) {}

  /** True while this instance holds the lane (its limiter admits every addUser). */
  get held(): boolean {
    return this.holding !== null && !this.holding.aborted;
  }

  /** Offers this instance to hold the lane, and makes sure the lane's job exists (one for the whole database). */
  async offer(): Promise<void> {
    if (this.offered !== null || this.stopping.signal.aborted) return;
    this.offered = await this.boss.work(LANE_QUEUE, { pollingIntervalSeconds: this.timing.lanePollSeconds }, ([job]) => this.hold(job as Job));
    await this.ensureLane();
  }

  /** The lane's one job (a no-op when it exists: created, retrying or held). */
  async ensureLane(): Promise<void> {
    await this.boss.send(LANE_QUEUE, {});
  }

  /** Sync jobs running here (the gauge of active jobs). */
  get running(): number {
    return this.runs.size;
  }

  /** Resolves when no sync job runs here. */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs]);
  }

  /** Stops asking for the lane and lets it go: running jobs stop after their adds in flight, and pg-boss hands them on. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.offered !== null) await this.boss.offWork(LANE_QUEUE, { id: this.offered, wait: true });
    await this.idle();
  }

  private async hold(job: Job): Promise<void> {
    const lost = AbortSignal.any([job.signal, this.stopping.signal]);
    const { log } = this.execution.deps;
    this.holding = lost;
    log.info({ lane: job.id, attempt: job.retryCount }, 'holding the addUser lane: this instance runs the sync jobs and Sync now of every instance');
    const shouldStop = (): boolean => lost.aborted;
    const workers = [
      await this.boss.work<SyncJobData>(JOB_QUEUE, { localConcurrency: PARALLEL_JOBS, pollingIntervalSeconds: this.timing.jobPollSeconds }, ([syncJob]) => this.track(this.runSyncJob(syncJob as Job<SyncJobData>, shouldStop))),
      await this.boss.work<AddUserRequest>(ADD_USER_QUEUE, { localConcurrency: PARALLEL_ADD_USERS, pollingIntervalSeconds: this.timing.addUserPollSeconds }, ([request]) => this.addUser(request as Job<AddUserRequest>)),
    ];
    try {
      await new Promise<void>((resolve) => (lost.aborted ? resolve() : lost.addEventListener('abort', () => resolve(), { once: true })));
    } finally {
      await Promise.all([this.boss.offWork(JOB_QUEUE, { id: workers[0], wait: true }), this.boss.offWork(ADD_USER_QUEUE, { id: workers[1], wait: true })]);
      this.holding = null;
    }
    const why = this.stopping.signal.aborted ? 'this instance is stopping' : 'pg-boss took the lane away (its heartbeat lapsed)';
    log.info({ lane: job.id, why }, 'letting go of the addUser lane: another instance takes it over');
    // A failed attempt is what makes pg-boss retry the lane's job, i.e. hand the lane to another instance.
    throw new Error(`handing the addUser lane over: ${why}`);
  }

  private async runSyncJob(job: Job<SyncJobData>, laneLost: () => boolean): Promise<void> {
    const end = await executeJob(this.execution, job.data.jobId, () => laneLost() || job.signal.aborted);
    // Back to pg-boss as a failed attempt: it is retried on the lane's next holder, which resumes from the member rows.
    if (end === 'interrupted') throw new Error(`sync job ${job.data.jobId} interrupted: it resumes on the instance holding the lane`);
  }

  private async addUser(request: Job<AddUserRequest>): Promise<AddUserReply> {
    try {
      const { environmentId, objectId } = request.data;
      return { outcome: await addUserAdmitted(this.execution.limiter, this.execution.deps.powerPlatform, environmentId, objectId) };
    } catch (error) {
      const appError = toAppError(error);
      return { error: { code: appError.code, message: appError.userMessage } };
    }
  }

  private track<T>(run: Promise<T>): Promise<T> {
    this.runs.add(run);
    void run.catch(() => undefined).finally(() => this.runs.delete(run));
    return run;
  }
}

/** The outcome a lane holder stored for a Sync now, or its coded error thrown again here. */
export function replyOutcome(reply: AddUserReply): AddUserOutcome {
  if ('outcome' in reply) return reply.outcome;
  throw new AppError(reply.error.code, reply.error.message);
}
