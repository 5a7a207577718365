import type { JobTotals, SyncJob } from '../jobs/job-types';
import type { Telemetry } from './telemetry';

export interface JobTrace {
  /** One 429 (or Retry-After) answer from addUser for this job. */
  throttled(): void;
  /** The job as it stands after this run (null when it vanished); ends the span and adds the counters. */
  end(job: SyncJob | null): void;
}

const NOOP_TRACE: JobTrace = Object.freeze({ throttled: () => undefined, end: () => undefined });

/**
 * A `sync.job` span per run of a job, and counters for what THIS run did (a job resumed after a
 * restart only adds the members it synced since): `sync.members.synced`, `sync.members.failed`,
 * `sync.throttled`, `sync.jobs` by final state, `sync.job.duration`.
 */
export function traceJob(telemetry: Telemetry | undefined, job: SyncJob): JobTrace {
  if (!telemetry?.enabled) return NOOP_TRACE;
  const started = performance.now();
  const before: JobTotals = { ...job.totals };
  const kind = { 'job.kind': job.kind };
  const span = telemetry.startSpan('sync.job', { ...kind, 'job.id': job.id });
  let throttles = 0;
  let ended = false;
  return {
    throttled() {
      throttles += 1;
    },
    end(after) {
      if (ended) return;
      ended = true;
      // Still `running` after the run: the process is stopping and the job resumes at the next start.
      const state = after?.state === 'running' ? 'interrupted' : (after?.state ?? 'missing');
      const totals = after?.totals ?? before;
      const synced = Math.max(0, totals.synced - before.synced);
      const failed = Math.max(0, totals.failed - before.failed);
      span.end(state === 'failed' ? 'error' : 'ok', {
        'job.state': state, 'job.members': totals.members, 'job.synced': synced, 'job.failed': failed, 'job.throttled': throttles,
      });
      telemetry.count('sync.members.synced', synced, kind);
      telemetry.count('sync.members.failed', failed, kind);
      telemetry.count('sync.throttled', throttles, kind);
      telemetry.count('sync.jobs', 1, { ...kind, 'job.state': state });
      telemetry.recordDuration('sync.job.duration', performance.now() - started, kind);
    },
  };
}
