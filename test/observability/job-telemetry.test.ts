import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { syncRuntimeFor } from '../../src/features/sync';
import { getJob, listJobs } from '../../src/jobs/job-store';
import type { LimiterSnapshot } from '../../src/jobs/adaptive-limiter';
import { observeJobEngine } from '../../src/observability/job-telemetry';
import { cardOf, createTestBot } from '../helpers/bot-harness';
import { buttonData, SYNC_EVERYONE } from '../sync/helpers/run-group-sync';
import { histogramPoints, inMemoryTelemetry, sumOf, traceparentOf } from './in-memory-telemetry';

describe('OpenTelemetry of sync jobs', () => {
  it('when a sync job runs while addUser throttles, then one sync.job span holds its members as counts, and the member counters, latency and 429s add up', async () => {
    const otel = inMemoryTelemetry();
    // One addUser at a time while the engine starts with more in flight: the others are answered 429.
    const bot = await createTestBot({
      telemetry: otel.telemetry,
      env: { SYNC_CONFIRM_VISIBILITY_SECONDS: '0' },
      simConfig: { bap: { latencyMs: 40, jitterMs: 0, maxConcurrent: 1, retryAfterSeconds: 1 } },
      captureLogs: true,
    });
    try {
      // Omar Farouk would be refused, so the bot asks first; "Sync all anyway" starts the job.
      const replies = await bot.send('sync Avery Brooks, Jane Doe, Ravi Iyer and Omar Farouk to UAT');
      const confirm = buttonData(cardOf(replies.find((r) => cardOf(r) !== undefined)), SYNC_EVERYONE);
      await bot.invoke(String(confirm.verb), confirm);
      await syncRuntimeFor(bot.deps).idle();
      const [latest] = await listJobs(bot.deps.db, 1);
      const job = latest ? await getJob(bot.deps.db, latest.id) : null;
      if (!job) throw new Error('no job');
      expect(job.totals).toMatchObject({ members: 4, synced: 3, failed: 1 });

      const spans = await otel.spans();
      const click = spans.find((s) => s.name === `action ${String(confirm.verb)}`) as ReadableSpan;
      const jobSpan = spans.find((s) => s.name === 'sync.job') as ReadableSpan;
      expect(jobSpan).toMatchObject({ kind: SpanKind.INTERNAL, status: { code: SpanStatusCode.OK } });
      expect(jobSpan.parentSpanContext?.spanId).toBe(click.spanContext().spanId);
      expect(jobSpan.attributes).toMatchObject({ 'job.id': job.id, 'job.kind': 'users', 'job.state': 'done', 'job.members': 4, 'job.synced': 3, 'job.failed': 1, 'job.skipped': 0 });
      const throttles = Number(jobSpan.attributes['job.throttled']);
      expect(throttles).toBeGreaterThan(0);

      // Members are counts, not children: no span per addUser, and nothing else is a child of the job.
      expect(spans.filter((s) => s.name.endsWith('/addUser'))).toEqual([]);
      expect(spans.filter((s) => s.parentSpanContext?.spanId === jobSpan.spanContext().spanId)).toEqual([]);
      // Each failed addUser attempt (429s, the unlicensed member) is an event on the job's span.
      const failedAttempts = jobSpan.events.filter((e) => e.name === 'outbound.attempt_failed');
      expect(failedAttempts.filter((e) => e.attributes?.['http.response.status_code'] === 429)).toHaveLength(throttles);
      expect(failedAttempts.filter((e) => e.attributes?.['http.response.status_code'] === 400)).toHaveLength(1);

      // Every addUser request carried the job's traceparent.
      const addUsers = Object.entries(bot.sim.stats().routes.bap).filter(([route]) => route.endsWith('/addUser')).reduce((n, [, count]) => n + count, 0);
      const traceparents = bot.sim.stats().traceContext.bap.recent;
      expect(traceparents.filter((t) => t === traceparentOf(jobSpan))).toHaveLength(addUsers);

      const metrics = await otel.metrics();
      expect(sumOf(metrics.get('sync.members.synced'), { 'job.kind': 'users' })).toBe(3);
      // Omar Farouk is not in UAT's security group: BAP refuses him with that code.
      expect(metrics.get('sync.members.failed')?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([[{ 'job.kind': 'users', 'sync.failure.reason': 'userNotPartOfSecurityGroup' }, 1]]);
      expect(sumOf(metrics.get('sync.throttled'))).toBe(throttles);
      expect(sumOf(metrics.get('outbound.throttled'), { surface: 'bap' })).toBe(throttles);
      expect(sumOf(metrics.get('sync.jobs'), { 'job.state': 'done' })).toBe(1);
      expect(histogramPoints(metrics.get('sync.job.duration')).map((p) => p.count)).toEqual([1]);
      const addUserLatency = histogramPoints(metrics.get('sync.adduser.duration'));
      expect(addUserLatency.reduce((n, p) => n + p.count, 0)).toBe(addUsers);
      expect(histogramPoints(metrics.get('sync.adduser.duration'), { 'http.response.status_code': 200 })[0]?.min).toBeGreaterThanOrEqual(40);
      expect(sumOf(metrics.get('sync.jobs.active'), { 'job.state': 'running' })).toBe(0);
      expect(sumOf(metrics.get('sync.jobs.active'), { 'job.state': 'queued' })).toBe(0);
      expect(sumOf(metrics.get('sync.limiter.window'))).toBeGreaterThanOrEqual(1);

      const jobLines = bot.logs.filter((line) => line.msg === 'sync job started' || line.msg === 'sync job finished');
      expect(jobLines.map((line) => [line.msg, line.jobId, line.trace_id, line.span_id])).toEqual([
        ['sync job started', job.id, jobSpan.spanContext().traceId, jobSpan.spanContext().spanId],
        ['sync job finished', job.id, jobSpan.spanContext().traceId, jobSpan.spanContext().spanId],
      ]);
    } finally {
      await bot.close();
      await otel.close();
    }
  });
});

describe("gauges of the job engine's limiter and queue", () => {
  it("then the window and the running and queued jobs are read at each collection, the pace only once the limiter paces, and no longer once the engine stops", async () => {
    const otel = inMemoryTelemetry();
    let snapshot: LimiterSnapshot = { limit: 8, inFlight: 0, throttleEvents: 0, pausedUntil: 0, ratePerSecond: null };
    const limiter = jest.fn(() => snapshot);
    const stop = observeJobEngine(otel.telemetry, { limiter, running: () => 2, queued: async () => 1 });
    try {
      let metrics = await otel.metrics();
      expect(sumOf(metrics.get('sync.limiter.window'))).toBe(8);
      expect(metrics.get('sync.limiter.pace')?.dataPoints ?? []).toEqual([]);
      expect([sumOf(metrics.get('sync.jobs.active'), { 'job.state': 'running' }), sumOf(metrics.get('sync.jobs.active'), { 'job.state': 'queued' })]).toEqual([2, 1]);

      snapshot = { ...snapshot, limit: 3, ratePerSecond: 18.5 };
      metrics = await otel.metrics();
      expect(sumOf(metrics.get('sync.limiter.window'))).toBe(3);
      expect(sumOf(metrics.get('sync.limiter.pace'))).toBe(18.5);

      stop();
      const reads = limiter.mock.calls.length;
      await otel.metrics();
      expect(limiter).toHaveBeenCalledTimes(reads);
    } finally {
      stop();
      await otel.close();
    }
  });
});
