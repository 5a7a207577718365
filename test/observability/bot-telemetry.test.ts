import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { ADMIN, HELPDESK } from '../security/helpers/watch';
import { counterValue, latestMetrics, spansIn, startOtlpReceiver, type OtlpReceiver } from './otlp-receiver';

describe('OpenTelemetry export, with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  let receiver: OtlpReceiver;
  let bot: TestBot;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    bot = await createTestBot({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'access-bot-under-test' }, captureLogs: true });
    await bot.send('environments', { from: ADMIN });
    await bot.send('check Jane Doe in UAT', { from: HELPDESK });
    await bot.send('sync Financial Coordinators to UAT', { from: HELPDESK });
    await bot.deps.telemetry?.flush();
  });

  afterAll(async () => {
    await bot.close();
    await receiver.close();
  });

  it('then traces and metrics are POSTed as OTLP JSON to /v1/traces and /v1/metrics', () => {
    expect(new Set(receiver.requests.map((r) => r.path))).toEqual(new Set(['/v1/traces', '/v1/metrics']));
    for (const request of receiver.requests) expect(request.contentType).toBe('application/json');
  });

  it('then each routed command is one server span with its name, the caller role and the outcome', () => {
    const spans = spansIn(receiver.requests);
    expect(spans.map((s) => s.name)).toEqual(['command environments', 'command diagnose', 'command sync']);
    const [environments, diagnose, sync] = spans;
    expect(environments?.attrs).toMatchObject({ 'route.kind': 'command', 'route.name': 'environments', 'caller.role': 'not-checked', outcome: 'ok' });
    expect(diagnose?.attrs).toMatchObject({ 'route.name': 'diagnose', 'route.access': 'helpdesk', 'caller.role': 'helpdesk', outcome: 'ok' });
    expect(sync?.attrs).toMatchObject({ 'route.name': 'sync', 'caller.role': 'helpdesk', outcome: 'refused', 'error.code': 'auth.forbidden' });
    for (const span of spans) {
      expect(span).toMatchObject({ kind: 2, traceId: expect.stringMatching(/^[0-9a-f]{32}$/), spanId: expect.stringMatching(/^[0-9a-f]{16}$/) });
      expect(BigInt(span.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(span.startTimeUnixNano));
      expect(Number(BigInt(span.startTimeUnixNano) / 1_000_000n)).toBeGreaterThan(Date.now() - 60_000);
      expect(span.resource['service.name']).toBe('access-bot-under-test');
    }
  });

  it('then outbound calls are counted by surface and status, with a duration histogram', () => {
    const metrics = latestMetrics(receiver.requests);
    const requests = metrics.get('outbound.requests');
    expect(requests?.sum).toMatchObject({ aggregationTemporality: 2, isMonotonic: true });
    expect(counterValue(requests, { surface: 'bap', 'http.status_code': 200 })).toBeGreaterThan(0);
    expect(counterValue(requests, { surface: 'graph', 'http.method': 'GET' })).toBeGreaterThan(0);
    expect(counterValue(requests)).toBe(bot.sim.stats().requests.graph + bot.sim.stats().requests.bap + bot.sim.stats().requests.dataverse);
    const durations = metrics.get('outbound.duration')?.histogram;
    expect(durations?.aggregationTemporality).toBe(2);
    const points = durations?.dataPoints ?? [];
    expect(points.reduce((n, p) => n + Number(p.count), 0)).toBe(counterValue(requests));
    for (const p of points) expect(p.bucketCounts).toHaveLength(p.explicitBounds.length + 1);
    expect(counterValue(metrics.get('bot.routes'), { outcome: 'refused' })).toBe(1);
  });

  it('then nothing exported names a person, a UPN, an address or a secret', () => {
    const exported = receiver.requests.map((r) => r.raw).join('\n');
    const { fixture } = bot.sim.state();
    expect(exported).not.toContain('@');
    expect(exported).not.toMatch(/Jane|Doe|Financial Coordinators|Liam|Nadia/);
    for (const user of fixture.users.slice(0, 200)) expect(exported).not.toContain(user.id);
    const credential = bot.app.config.microsoft.credential;
    if (credential.kind === 'clientSecret') expect(exported).not.toContain(credential.clientSecret);
    expect(exported).not.toMatch(/Bearer|eyJ|http:\/\/127/);
  });

  it('then every log line of a turn carries the activity id and the caller (object id only)', () => {
    const commandLines = bot.logs.filter((line) => line.msg === 'command');
    expect(commandLines).toHaveLength(3);
    for (const line of commandLines) {
      expect(line.activityId).toEqual(expect.any(String));
      expect([ADMIN.aadObjectId, HELPDESK.aadObjectId]).toContain(line.caller);
    }
    expect(JSON.stringify(bot.logs)).not.toContain('Nadia Rahman');
  });
});

describe('OpenTelemetry export when Microsoft throttles the bot', () => {
  it('then every 429 is counted as outbound.throttled for its surface and the failed command is an error span with its code', async () => {
    const receiver = await startOtlpReceiver();
    const bot = await createTestBot({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, simConfig: { bap: { random429Rate: 1, retryAfterSeconds: 1 } } });
    try {
      await bot.send('environments', { from: ADMIN });
      await bot.deps.telemetry?.flush();
      const metrics = latestMetrics(receiver.requests);
      const bapCalls = bot.sim.stats().requests.bap;
      expect(bapCalls).toBeGreaterThan(1);
      expect(counterValue(metrics.get('outbound.throttled'), { surface: 'bap' })).toBe(bapCalls);
      expect(counterValue(metrics.get('outbound.requests'), { surface: 'bap', 'http.status_code': 429 })).toBe(bapCalls);
      const [span] = spansIn(receiver.requests);
      expect(span).toMatchObject({ name: 'command environments', status: { code: 2 } });
      expect(span?.attrs).toMatchObject({ outcome: 'failed', 'error.code': expect.stringMatching(/^[a-z_]+\.[a-z_.]+$/) });
    } finally {
      await bot.close();
      await receiver.close();
    }
  });
});

describe('OpenTelemetry export on shutdown', () => {
  it('when the app closes before the next export is due, then what was recorded is still sent', async () => {
    const receiver = await startOtlpReceiver();
    const bot = await createTestBot({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
    try {
      await bot.send('help', { from: ADMIN });
      expect(receiver.requests).toEqual([]);
      await bot.close();
      expect(spansIn(receiver.requests).map((s) => s.name)).toEqual(['command help']);
      expect(latestMetrics(receiver.requests).has('bot.routes')).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
