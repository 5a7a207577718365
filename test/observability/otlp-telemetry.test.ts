import pino from 'pino';
import { createOtlpTelemetry, type OtlpTelemetryOptions } from '../../src/observability/otlp-telemetry';
import type { Telemetry } from '../../src/observability/telemetry';
import { attributeMap, counterValue, latestMetrics, spansIn, startOtlpReceiver, type OtlpReceiver } from './otlp-receiver';

describe('the OTLP/HTTP exporter', () => {
  let receiver: OtlpReceiver;
  let warnings: Record<string, unknown>[];
  const open: Telemetry[] = [];

  const telemetry = (options: Partial<OtlpTelemetryOptions> = {}): Telemetry => {
    const log = pino({ level: 'info' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
    const created = createOtlpTelemetry({ endpoint: receiver.url, serviceName: 'svc', log, exportIntervalMs: 60_000, ...options });
    open.push(created);
    return created;
  };

  beforeEach(async () => {
    warnings = [];
    receiver = await startOtlpReceiver();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.shutdown()));
    await receiver.close();
  });

  it('when more spans end than the queue holds, then the oldest are dropped and the drops are counted', async () => {
    const t = telemetry({ maxQueuedSpans: 3 });
    for (let i = 1; i <= 5; i++) t.startSpan(`command c${i}`).end('ok');
    await t.flush();
    expect(spansIn(receiver.requests).map((s) => s.name)).toEqual(['command c3', 'command c4', 'command c5']);
    expect(counterValue(latestMetrics(receiver.requests).get('telemetry.dropped'), { 'telemetry.dropped': 'span' })).toBe(2);
  });

  it('when the collector answers 500, then flush still resolves, one warning is logged per outage, and export resumes afterwards', async () => {
    const t = telemetry();
    receiver.answerWith(500);
    t.startSpan('command a').end();
    await t.flush();
    t.startSpan('command b').end();
    await t.flush();
    expect(warnings.filter((w) => w.msg === 'could not export telemetry; this batch is dropped')).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ problem: 'HTTP 500' });
    receiver.answerWith(200);
    const before = receiver.requests.length;
    t.startSpan('command c').end();
    await t.flush();
    expect(spansIn(receiver.requests.slice(before)).map((s) => s.name)).toEqual(['command c']);
    expect(counterValue(latestMetrics(receiver.requests).get('telemetry.dropped'), { 'telemetry.dropped': 'span' })).toBe(2);
    expect(warnings.some((w) => w.msg === 'telemetry export works again')).toBe(true);
  });

  it('when nothing listens at the endpoint, then flush resolves without throwing and the warning names no URL', async () => {
    const url = receiver.url;
    await receiver.close();
    receiver = await startOtlpReceiver();
    const t = telemetry({ endpoint: url, timeoutMs: 2_000 });
    t.count('outbound.requests', 1, { surface: 'graph' });
    await expect(t.flush()).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).not.toContain(url);
  });

  it('while an export hangs, then recording spans and metrics returns at once and they go out with the next export', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowFetch: typeof fetch = async (input, init) => {
      await gate;
      return fetch(input, init);
    };
    const t = telemetry({ fetch: slowFetch });
    t.startSpan('command first').end();
    const exporting = t.flush();
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    for (let i = 0; i < 1_000; i++) {
      t.startSpan('command during').end('ok', { outcome: 'ok' });
      t.count('bot.routes', 1, { outcome: 'ok' });
    }
    expect(performance.now() - started).toBeLessThan(500);
    expect(receiver.requests).toHaveLength(0);
    release();
    await exporting;
    expect(spansIn(receiver.requests).map((s) => s.name)).toEqual(['command first']);
    await t.flush();
    const names = spansIn(receiver.requests).map((s) => s.name);
    expect(names.filter((n) => n === 'command during')).toHaveLength(1_000);
  });

  it('when attributes carry UPNs, URLs or keys outside the allow-list, or a span is named after message text, then none of it is exported', async () => {
    const t = telemetry();
    t.startSpan('command diagnose', { 'route.name': 'diagnose', 'user.upn': 'jane@contoso.com', 'route.kind': 'jane@contoso.com' }).end('ok', {
      'error.code': 'https://graph.microsoft.com/v1.0/users?$filter=x', outcome: 'ok',
    });
    t.startSpan('command Jane Doe sent a very long message that is not a name at all').end();
    t.count('outbound.requests', 1, { surface: 'graph', url: '/users/jane@contoso.com' });
    await t.flush();
    const spans = spansIn(receiver.requests);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attrs).toEqual({ 'route.name': 'diagnose', outcome: 'ok' });
    expect(receiver.requests.map((r) => r.raw).join()).not.toMatch(/contoso|graph\.microsoft|Jane/);
    const point = latestMetrics(receiver.requests).get('outbound.requests')?.sum?.dataPoints[0];
    expect(attributeMap(point?.attributes)).toEqual({ surface: 'graph' });
  });

  it('then durations land in the right buckets and counters add up across exports (cumulative)', async () => {
    const t = telemetry();
    for (const ms of [3, 7, 7, 40_000]) t.recordDuration('outbound.duration', ms, { surface: 'bap' });
    t.count('outbound.throttled', 2, { surface: 'bap' });
    await t.flush();
    t.count('outbound.throttled', 1, { surface: 'bap' });
    await t.flush();
    const metrics = latestMetrics(receiver.requests);
    const point = metrics.get('outbound.duration')?.histogram?.dataPoints[0];
    expect(point).toMatchObject({ count: '4', sum: 40_017, min: 3, max: 40_000 });
    expect(point?.bucketCounts.slice(0, 2)).toEqual(['1', '2']);
    expect(point?.bucketCounts.at(-1)).toBe('1');
    expect(counterValue(metrics.get('outbound.throttled'), { surface: 'bap' })).toBe(3);
  });

  it('when nothing was recorded since the last export, then nothing is sent', async () => {
    const t = telemetry();
    t.count('bot.routes', 1);
    await t.flush();
    const sent = receiver.requests.length;
    await t.flush();
    await t.flush();
    expect(receiver.requests).toHaveLength(sent);
  });

  it('when more metric series appear than allowed, then the extra ones are dropped and counted', async () => {
    const t = telemetry({ maxSeries: 2 });
    for (const code of [200, 201, 404, 500]) t.count('outbound.requests', 1, { 'http.status_code': code });
    await t.flush();
    const metrics = latestMetrics(receiver.requests);
    expect(metrics.get('outbound.requests')?.sum?.dataPoints).toHaveLength(2);
    expect(counterValue(metrics.get('telemetry.dropped'), { 'telemetry.dropped': 'series' })).toBe(2);
  });

  it('then it exports on its own every interval, and shutdown sends the rest and stops the timer', async () => {
    const t = telemetry({ exportIntervalMs: 20 });
    t.startSpan('sync.job').end('ok');
    for (let i = 0; i < 100 && spansIn(receiver.requests).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(spansIn(receiver.requests).map((s) => s.name)).toEqual(['sync.job']);
    t.startSpan('command last').end();
    await t.shutdown();
    expect(spansIn(receiver.requests).map((s) => s.name)).toEqual(['sync.job', 'command last']);
    t.startSpan('command after').end();
    const sent = receiver.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(receiver.requests).toHaveLength(sent);
  });
});
