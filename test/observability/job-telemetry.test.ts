import { syncRuntimeFor } from '../../src/features/sync';
import { getJob, listJobs } from '../../src/jobs/job-store';
import { createTestBot } from '../helpers/bot-harness';
import { counterValue, latestMetrics, spansIn, startOtlpReceiver } from './otlp-receiver';

describe('OpenTelemetry export of sync jobs', () => {
  it('when a sync job runs while addUser throttles, then one sync.job span carries its id, totals and 429s, and the counters match', async () => {
    const receiver = await startOtlpReceiver();
    // One addUser at a time while the engine starts with two in flight: the second is answered 429.
    const bot = await createTestBot({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, SYNC_CONFIRM_VISIBILITY_SECONDS: '0' },
      simConfig: { bap: { latencyMs: 40, jitterMs: 0, maxConcurrent: 1, retryAfterSeconds: 1 } },
      captureLogs: true,
    });
    try {
      await bot.send('sync Avery Brooks, Jane Doe and Ravi Iyer to UAT');
      await syncRuntimeFor(bot.deps).idle();
      await bot.deps.telemetry?.flush();
      const [latest] = await listJobs(bot.deps.db, 1);
      const job = latest ? await getJob(bot.deps.db, latest.id) : null;
      if (!job) throw new Error('no job');

      const spans = spansIn(receiver.requests);
      expect(spans.map((s) => s.name)).toEqual(['command sync', 'sync.job']);
      const jobSpan = spans[1];
      expect(jobSpan).toMatchObject({ kind: 1, status: { code: 1 } });
      expect(jobSpan?.attrs).toMatchObject({
        'job.id': job.id, 'job.kind': 'users', 'job.state': 'done', 'job.members': 3, 'job.synced': job.totals.synced, 'job.failed': job.totals.failed,
      });
      const throttles = Number(jobSpan?.attrs['job.throttled']);
      expect(throttles).toBeGreaterThan(0);

      const metrics = latestMetrics(receiver.requests);
      expect(counterValue(metrics.get('sync.members.synced'), { 'job.kind': 'users' })).toBe(job.totals.synced);
      expect(counterValue(metrics.get('sync.throttled'))).toBe(throttles);
      expect(counterValue(metrics.get('outbound.throttled'), { surface: 'bap' })).toBeGreaterThanOrEqual(throttles);
      expect(counterValue(metrics.get('sync.jobs'), { 'job.state': 'done' })).toBe(1);
      expect(metrics.get('sync.job.duration')?.histogram?.dataPoints[0]?.count).toBe('1');

      const jobLines = bot.logs.filter((line) => line.msg === 'sync job started' || line.msg === 'sync job finished');
      expect(jobLines.map((line) => [line.msg, line.jobId])).toEqual([['sync job started', job.id], ['sync job finished', job.id]]);
    } finally {
      await bot.close();
      await receiver.close();
    }
  });
});
