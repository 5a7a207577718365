import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { withCallsCountedOnly } from '../gateways/http/outbound-call';
import type { LimiterSnapshot } from '../jobs/adaptive-limiter';
import type { JobTotals, MemberOutcome, SyncJob } from '../jobs/job-types';
import { safeAttributes } from './safe-attributes';
import type { Telemetry } from './telemetry';

export interface JobTrace {
  /** Runs the job with its span active: log lines carry its ids, Microsoft calls its `traceparent`. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** One 429 (or Retry-After) answer from addUser for this job. */
  throttled(): void;
  /** One member finished for good (synced or given up on, with the reason). */
  memberDone(state: MemberOutcome['state'], reason: string | null): void;
  /** The job as it stands after this run (null when it vanished); ends the span and adds the counters. */
  end(job: SyncJob | null): void;
}

const NOOP_TRACE: JobTrace = Object.freeze({ run: <T>(work: () => Promise<T>) => work(), throttled: () => undefined, memberDone: () => undefined, end: () => undefined });

/**
 * A `sync.job` span per run of a job, its members as counts on it, not as children: the member
 * adds make no span each (withCallsCountedOnly) and a failed one is an event on the job's span.
 * Counters for what THIS run did (a job resumed after a restart only adds the members it
 * finishes from then on): `sync.members.synced`, `sync.members.failed` by reason as each member
 * finishes, and at the end `sync.throttled`, `sync.jobs` by final state, `sync.job.duration`.
 */
export function traceJob(telemetry: Telemetry | undefined, job: SyncJob): JobTrace {
  if (!telemetry?.enabled) return NOOP_TRACE;
  const started = performance.now();
  const before: JobTotals = { ...job.totals };
  const kind = { 'job.kind': job.kind };
  const span: Span = telemetry.tracer.startSpan('sync.job', { kind: SpanKind.INTERNAL, attributes: safeAttributes({ ...kind, 'job.id': job.id, 'job.members': job.totals.members }) });
  const active = withCallsCountedOnly(trace.setSpan(context.active(), span));
  let throttles = 0;
  let ended = false;
  return {
    run: (work) => context.with(active, work),
    throttled() {
      throttles += 1;
    },
    memberDone(state, reason) {
      if (state === 'synced') telemetry.count('sync.members.synced', 1, kind);
      else if (state === 'failed') telemetry.count('sync.members.failed', 1, { ...kind, 'sync.failure.reason': reason ?? 'unknown' });
    },
    end(after) {
      if (ended) return;
      ended = true;
      // Still `running` after the run: the process is stopping and the job resumes at the next start.
      const state = after?.state === 'running' ? 'interrupted' : (after?.state ?? 'missing');
      const totals = after?.totals ?? before;
      span.setAttributes(safeAttributes({
        'job.state': state,
        'job.members': totals.members,
        'job.synced': Math.max(0, totals.synced - before.synced),
        'job.failed': Math.max(0, totals.failed - before.failed),
        'job.skipped': totals.skipped,
        'job.throttled': throttles,
      }));
      span.setStatus({ code: state === 'failed' ? SpanStatusCode.ERROR : SpanStatusCode.OK });
      span.end();
      telemetry.count('sync.throttled', throttles, kind);
      telemetry.count('sync.jobs', 1, { ...kind, 'job.state': state });
      telemetry.recordDuration('sync.job.duration', performance.now() - started, kind);
    },
  };
}

/** What the job engine shows of itself to the gauges. */
export interface JobEngineView {
  limiter(): LimiterSnapshot;
  running(): number;
  /** Jobs waiting to start (state `queued` and not running). */
  queued(): number | Promise<number>;
}

/**
 * Gauges of the job engine: the limiter's window (`sync.limiter.window`), its pace once it paces
 * sends (`sync.limiter.pace`), and jobs queued and running (`sync.jobs.active`). Returns the
 * function that stops them (the engine calls it when it stops).
 */
export function observeJobEngine(telemetry: Telemetry | undefined, engine: JobEngineView): () => void {
  if (!telemetry?.enabled) return () => undefined;
  const stops = [
    telemetry.observe('sync.limiter.window', (report) => report(engine.limiter().limit)),
    telemetry.observe('sync.limiter.pace', (report) => {
      const pace = engine.limiter().ratePerSecond;
      if (pace !== null) report(pace);
    }),
    telemetry.observe('sync.jobs.active', async (report) => {
      report(engine.running(), { 'job.state': 'running' });
      report(await engine.queued(), { 'job.state': 'queued' });
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
