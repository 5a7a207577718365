import type { Logger } from 'pino';
import type { AddUserOutcome, DataverseGateway, PowerPlatformGateway } from '../gateways/types';
import type { AdaptiveLimiter, Permit } from './adaptive-limiter';
import { decideAfterAttempt, type MemberAttempts, type RetryPolicy } from './attempt-policy';
import type { Clock } from './clock';
import { afterSyncStepFor, type VisibleMember } from './after-sync';
import { confirmVisibility, confirmWhileAdding, type VisibilityCheck } from './confirm-visibility';
import { computeTotals, storeTotals } from './job-store';
import type { JobTotals, MemberOutcome, SyncJob } from './job-types';
import { claimPending, resetRunning } from './member-store';
import { OutcomeBuffer } from './outcome-buffer';
import { runWorkPool } from './work-pool';
import type { Db } from '../store/schema';

export interface RunJobContext {
  db: Db;
  powerPlatform: PowerPlatformGateway;
  dataverse: DataverseGateway;
  limiter: AdaptiveLimiter;
  clock: Clock;
  log: Logger;
  policy: RetryPolicy;
  confirmVisibilityMs: number;
  progressIntervalMs: number;
  /** Each progress tick, with the totals of the outcomes stored so far (and stored with the job). */
  onProgress(totals: JobTotals): Promise<void>;
  shouldStop(): boolean;
  /** Called on every throttled addUser answer (telemetry). */
  onThrottled?(): void;
  /** Called when a member is finished for good, synced or failed with its reason (telemetry). */
  onMemberDone?(state: MemberOutcome['state'], reason: string | null): void;
}

type Work = { seq: number; objectId: string } & MemberAttempts;

/**
 * Adds every pending member of a (running) job, then confirms them in Dataverse. Resumable: it
 * only ever works from the member rows, so a restart picks up exactly what is not finished.
 * Throws AppError when addUser reports a problem no retry can fix (401/403).
 */
export async function runJob(job: SyncJob, ctx: RunJobContext): Promise<void> {
  const { db, clock } = ctx;
  await resetRunning(db, job.id);
  const buffer = new OutcomeBuffer(db, job.id, clock, await computeTotals(db, job.id));
  let finishAdding = (): void => undefined;
  const addingDone = new Promise<void>((resolve) => (finishAdding = resolve));
  const progress = reportProgressUntil(addingDone, ctx, buffer, job.id);
  const step = afterSyncStepFor(db);
  const visible: VisibleMember[] = [];
  const { instanceUrl } = job.environment;
  const check: VisibilityCheck | null = instanceUrl
    ? { db, jobId: job.id, instanceUrl, dataverse: ctx.dataverse, clock, log: ctx.log, onVisible: step?.wants(job) ? (found) => visible.push(...found) : undefined }
    : null;
  const early = check ? confirmWhileAdding(check, addingDone) : null;
  try {
    try {
      await addAll(job, ctx, buffer);
    } finally {
      finishAdding();
      await progress;
      await buffer.flush();
      await storeTotals(db, job.id, await computeTotals(db, job.id));
    }
    if (ctx.shouldStop() || !check) return;
    ctx.log.info({ jobId: job.id, limiter: ctx.limiter.snapshot() }, 'sync adds finished; confirming in Dataverse');
    await confirmVisibility({ ...check, windowMs: ctx.confirmVisibilityMs, underWay: early?.underWay() });
  } finally {
    await early?.stopped;
  }
  if (step?.wants(job) && !ctx.shouldStop()) await step.run(job, visible);
}

/** Every pending member through addUser, as many at once as the limiter admits; outcomes go to `buffer`. */
async function addAll(job: SyncJob, ctx: RunJobContext, buffer: OutcomeBuffer): Promise<void> {
  const { db, clock } = ctx;
  let cursor = 0;
  await runWorkPool<Work>({
    clock,
    limiter: ctx.limiter,
    shouldStop: ctx.shouldStop,
    next: async () => {
      const claimed = await claimPending(db, job.id, cursor, 500);
      cursor = claimed[claimed.length - 1]?.seq ?? cursor;
      return claimed.map((m) => ({ seq: m.seq, objectId: m.objectId, attempts: m.attempts, transientFailures: 0, throttles: 0, firstAttemptAt: Number.NaN }));
    },
    attempt: async (member, permit) => {
      const now = clock.now();
      member.attempts += 1;
      if (Number.isNaN(member.firstAttemptAt)) member.firstAttemptAt = now;
      const outcome = await ctx.powerPlatform.addUser(job.environment.id, member.objectId);
      reportAdmission(permit, outcome);
      if (!outcome.ok && outcome.kind === 'throttled') {
        member.throttles += 1;
        ctx.onThrottled?.();
      }
      if (!outcome.ok && outcome.kind === 'transient') member.transientFailures += 1;
      const decision = decideAfterAttempt(outcome, member, ctx.policy, clock.now());
      if (decision.kind === 'retry') return { kind: 'retry', atMs: decision.atMs };
      buffer.push({ seq: member.seq, state: decision.state, reason: decision.reason, detail: decision.detail, attempts: member.attempts });
      ctx.onMemberDone?.(decision.state, decision.reason);
      return { kind: 'done' };
    },
  });
}

/** What an addUser answer says about admission: a business refusal still means "admitted". */
export function reportAdmission(permit: Permit, outcome: AddUserOutcome): void {
  if (outcome.ok || outcome.kind === 'rejected') permit.succeeded();
  else if (outcome.kind === 'throttled') permit.throttled(outcome.retryAfterMs);
  else permit.failed();
}

async function reportProgressUntil(done: Promise<void>, ctx: RunJobContext, buffer: OutcomeBuffer, jobId: string): Promise<void> {
  const stop = new AbortController();
  void done.then(() => stop.abort());
  for (;;) {
    await ctx.clock.sleep(ctx.progressIntervalMs, stop.signal);
    if (stop.signal.aborted) return;
    await buffer.flush();
    const totals = buffer.totals;
    await storeTotals(ctx.db, jobId, totals);
    await ctx.onProgress(totals).catch((error: unknown) => ctx.log.warn({ err: error, jobId }, 'progress update failed'));
  }
}
