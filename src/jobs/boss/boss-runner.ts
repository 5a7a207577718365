import type { PgBoss } from 'pg-boss';
import type { Periodic } from '../../app/periodic';
import type { AddUserOutcome } from '../../gateways/types';
import { observeJobEngine } from '../../observability/job-telemetry';
import { AdaptiveLimiter } from '../adaptive-limiter';
import { systemClock, type Clock } from '../clock';
import { addUserAdmitted, type JobEngineDeps, type JobExecution, type JobListener } from '../execute-job';
import type { JobRunner, RepeatedTask } from '../job-runner';
import { getJob, unfinishedJobIds } from '../job-store';
import { AddUserLane, type SyncJobData } from './lane';
import { JOB_QUEUE } from './queues';
import { addUserThroughLane } from './remote-add-user';
import { repeatOnBoss } from './repeat';
import { startBoss, type BossTarget } from './start-boss';
import { resumeBoundSeconds } from './timing';

const FINAL_STATES = new Set(['done', 'failed', 'cancelled']);

/**
 * The job runner with PostgreSQL: jobs on pg-boss, shared by every instance on the database.
 * pg-boss starts on first use, so a CLI command that runs no job never connects it. Only an
 * instance that calls resumeUnfinished (the bot at start-up) offers to hold the addUser lane;
 * the CLI hands its job to the lane and waits.
 */
export class BossJobRunner implements JobRunner {
  private readonly clock: Clock;
  private readonly execution: JobExecution;
  private started: Promise<{ boss: PgBoss; lane: AddUserLane }> | null = null;
  private lane: AddUserLane | null = null;
  private readonly repeats = new Set<Periodic>();
  /** Jobs handed over from here and not seen finished yet (idle waits for them). */
  private readonly handedOver = new Set<string>();
  private readonly unobserve: () => void;
  private stopping = false;

  constructor(private readonly deps: JobEngineDeps, listener: JobListener, private readonly target: BossTarget) {
    this.clock = deps.clock ?? systemClock;
    const limiter = new AdaptiveLimiter({
      minConcurrency: deps.sync.minConcurrency, maxConcurrency: deps.sync.maxConcurrency, clock: this.clock, probeIntervalMs: deps.probeIntervalMs,
    });
    this.execution = { deps, listener, limiter, clock: this.clock };
    this.unobserve = observeJobEngine(deps.telemetry, {
      limiter: () => limiter.snapshot(),
      running: () => this.lane?.running ?? 0,
      // Every instance sees the same queue; the lane holder's gauge says how many of them run.
      queued: async () => Math.max(0, (await unfinishedJobIds(deps.db)).length - (this.lane?.running ?? 0)),
    });
  }

  async start(jobId: string): Promise<void> {
    if (this.stopping) return;
    const { boss, lane } = await this.ready();
    await lane.ensureLane();
    // Exclusive per job id: handing over a job already waiting or running is a no-op.
    await boss.send(JOB_QUEUE, { jobId } satisfies SyncJobData, { singletonKey: jobId });
    this.handedOver.add(jobId);
  }

  async resumeUnfinished(): Promise<string[]> {
    const { boss, lane } = await this.ready();
    await lane.offer();
    // Jobs a process stored but did not hand over (it died in between, or the store was moved from SQLite).
    const ids = await unfinishedJobIds(this.deps.db);
    for (const id of ids) await boss.send(JOB_QUEUE, { jobId: id } satisfies SyncJobData, { singletonKey: id });
    if (ids.length > 0) this.deps.log.info({ jobs: ids }, 'unfinished sync jobs handed to the addUser lane');
    return ids;
  }

  async addUserNow(environmentId: string, objectId: string): Promise<AddUserOutcome> {
    const { boss, lane } = await this.ready();
    if (lane.held) return addUserAdmitted(this.execution.limiter, this.deps.powerPlatform, environmentId, objectId);
    return addUserThroughLane(boss, { environmentId, objectId }, 2 * resumeBoundSeconds(this.target.timing) * 1000, this.clock);
  }

  repeat(task: RepeatedTask): Periodic {
    const periodic = repeatOnBoss(this.ready().then(({ boss }) => boss), task);
    this.repeats.add(periodic);
    return {
      stop: async () => {
        this.repeats.delete(periodic);
        await periodic.stop();
      },
    };
  }

  /** Waits for the jobs handed over from here to finish, wherever they run. */
  async idle(): Promise<void> {
    for (let pause = 20; this.handedOver.size > 0; pause = Math.min(pause * 2, 250)) {
      for (const id of [...this.handedOver]) {
        const job = await getJob(this.deps.db, id);
        if (!job || FINAL_STATES.has(job.state)) this.handedOver.delete(id);
      }
      if (this.handedOver.size > 0) await this.clock.sleep(pause);
    }
    await (await this.started)?.lane.idle();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unobserve();
    await Promise.all([...this.repeats].map((r) => r.stop()));
    const started = await this.started?.catch(() => null);
    if (!started) return;
    await started.lane.stop();
    await started.boss.stop({ graceful: true, timeout: 30_000 });
  }

  private ready(): Promise<{ boss: PgBoss; lane: AddUserLane }> {
    this.started ??= startBoss(this.target).then(
      (boss) => {
        this.lane = new AddUserLane(boss, this.execution, this.target.timing);
        return { boss, lane: this.lane };
      },
      (error: unknown) => {
        this.started = null; // the next call tries again (the database may be back)
        throw error;
      },
    );
    return this.started;
  }
}
