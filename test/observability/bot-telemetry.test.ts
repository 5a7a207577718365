import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { ADMIN, HELPDESK } from '../security/helpers/watch';
import { exportedText, histogramPoints, inMemoryTelemetry, sumOf, traceparentOf, type InMemoryTelemetry } from './in-memory-telemetry';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const clientSpans = (spans: readonly ReadableSpan[]) => spans.filter((s) => s.kind === SpanKind.CLIENT);
const childrenOf = (spans: readonly ReadableSpan[], parent: ReadableSpan) => spans.filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

describe('OpenTelemetry spans and metrics of routed activities and Microsoft calls', () => {
  let otel: InMemoryTelemetry;
  let bot: TestBot;
  let spans: ReadableSpan[];
  let metrics: Map<string, MetricData>;

  beforeAll(async () => {
    otel = inMemoryTelemetry();
    bot = await createTestBot({ telemetry: otel.telemetry, captureLogs: true });
    await bot.send('environments', { from: ADMIN });
    await bot.send('check Jane Doe in UAT', { from: HELPDESK });
    await bot.send('sync Financial Coordinators to UAT', { from: HELPDESK });
    spans = await otel.spans();
    metrics = await otel.metrics();
  });

  afterAll(async () => {
    await bot.close();
    await otel.close();
  });

  it('then each routed command is one server span with its route, the caller role and the outcome', () => {
    const routes = spans.filter((s) => s.kind === SpanKind.SERVER);
    expect(routes.map((s) => s.name)).toEqual(['command environments', 'command diagnose', 'command sync']);
    const [environments, diagnose, sync] = routes;
    expect(environments?.attributes).toMatchObject({ 'route.kind': 'command', 'route.name': 'environments', 'caller.role': 'not-checked', outcome: 'ok' });
    expect(diagnose?.attributes).toMatchObject({ 'route.name': 'diagnose', 'route.access': 'helpdesk', 'caller.role': 'helpdesk', outcome: 'ok' });
    expect(sync?.attributes).toMatchObject({ 'route.name': 'sync', 'caller.role': 'helpdesk', outcome: 'refused', 'error.code': 'auth.forbidden' });
    expect(routes.map((s) => s.status.code)).toEqual([SpanStatusCode.OK, SpanStatusCode.OK, SpanStatusCode.OK]);
    for (const span of routes) {
      expect(span.parentSpanContext).toBeUndefined();
      expect(span.resource.attributes).toMatchObject({ 'service.name': 'access-bot-under-test', 'service.version': '0.0.0-test' });
      expect(span.instrumentationScope.name).toBe('dataverse-access-bot');
    }
  });

  it('then every Microsoft call is a client span under its command, with the service, operation, status, retries and throttling', () => {
    const [environments, diagnose] = spans.filter((s) => s.kind === SpanKind.SERVER);
    const bapCalls = childrenOf(spans, environments as ReadableSpan).filter((s) => s.attributes.surface === 'bap');
    expect(bapCalls.length).toBeGreaterThan(0);
    for (const call of bapCalls) {
      expect(call).toMatchObject({ kind: SpanKind.CLIENT, name: 'GET environments' });
      expect(call.attributes).toMatchObject({
        surface: 'bap', 'outbound.operation': 'environments', 'http.request.method': 'GET', 'http.response.status_code': 200, 'http.request.resend_count': 0, 'outbound.throttled': false,
      });
    }
    const diagnosisCalls = childrenOf(spans, diagnose as ReadableSpan);
    const surfaces = new Set(diagnosisCalls.map((s) => s.attributes.surface));
    expect(surfaces).toEqual(new Set(['graph', 'bap', 'dataverse']));
    expect(diagnosisCalls.map((s) => s.name)).toEqual(expect.arrayContaining(['GET users/{id}/memberOf', 'GET systemusers']));
    expect(clientSpans(spans).every((s) => s.parentSpanContext !== undefined)).toBe(true);
  });

  it("then each client span carries the service's request ids, which an admin can give Microsoft support", () => {
    const calls = clientSpans(spans);
    const graph = calls.filter((s) => s.attributes.surface === 'graph');
    const dataverse = calls.filter((s) => s.attributes.surface === 'dataverse');
    expect(graph.length).toBeGreaterThan(0);
    expect(dataverse.length).toBeGreaterThan(0);
    for (const span of graph) {
      expect(span.attributes['outbound.request_id']).toMatch(GUID);
      // The bot sends a fresh client-request-id on every Graph attempt and Graph echoes it.
      expect(span.attributes['outbound.client_request_id']).toMatch(GUID);
      expect(span.attributes['outbound.client_request_id']).not.toBe(span.attributes['outbound.request_id']);
    }
    for (const span of dataverse) expect(span.attributes['outbound.service_request_id']).toMatch(/^[0-9a-f-]{36},[0-9a-f-]{36}$/);
  });

  it('then the simulator received the W3C traceparent of each call, so Microsoft sees the same trace', () => {
    const received = bot.sim.stats().traceContext;
    for (const surface of ['graph', 'bap', 'dataverse'] as const) {
      const calls = clientSpans(spans).filter((s) => s.attributes.surface === surface);
      const attempts = calls.reduce((n, s) => n + 1 + Number(s.attributes['http.request.resend_count']), 0);
      expect(received[surface].withTraceparent).toBe(attempts);
      for (const call of calls) expect(received[surface].recent).toContain(traceparentOf(call));
    }
  });

  it('then a log line written inside a command carries its trace and span ids', () => {
    const sync = spans.find((s) => s.name === 'command sync');
    const refused = bot.logs.filter((line) => line.msg === 'request refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ trace_id: sync?.spanContext().traceId, span_id: sync?.spanContext().spanId, trace_flags: '01', code: 'auth.forbidden' });
  });

  it('then outbound attempts are counted by service and status, with their durations, and the diagnosis has its latency', () => {
    const stats = bot.sim.stats();
    const requests = metrics.get('outbound.requests');
    expect(sumOf(requests, { surface: 'bap', 'http.response.status_code': 200, 'http.request.method': 'GET' })).toBe(stats.requests.bap);
    expect(sumOf(requests, { surface: 'dataverse' })).toBe(stats.requests.dataverse);
    expect(sumOf(requests)).toBe(stats.traceContext.graph.withTraceparent + stats.requests.bap + stats.requests.dataverse);
    const durations = histogramPoints(metrics.get('outbound.duration'));
    expect(durations.reduce((n, p) => n + p.count, 0)).toBe(sumOf(requests));
    expect(histogramPoints(metrics.get('outbound.duration'), { surface: 'bap' })[0]?.buckets.boundaries).toEqual([5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000]);
    expect(sumOf(metrics.get('bot.routes'), { outcome: 'refused' })).toBe(1);
    expect(histogramPoints(metrics.get('diagnosis.duration'), { outcome: 'ok' }).map((p) => p.count)).toEqual([1]);
    expect(metrics.has('outbound.throttled')).toBe(false);
  });

  it('then nothing exported names a person, a UPN, an address, a URL, a token or a secret', () => {
    const exported = exportedText(spans, metrics.values());
    const { fixture } = bot.sim.state();
    expect(exported).not.toContain('@');
    expect(exported).not.toMatch(/Jane|Doe|Financial Coordinators|Liam|Nadia|Rahman|Chen/);
    for (const user of fixture.users) expect(exported).not.toContain(user.id);
    for (const group of fixture.groups) expect(exported).not.toContain(group.id);
    const credential = bot.app.config.microsoft.credential;
    if (credential.kind === 'clientSecret') expect(exported).not.toContain(credential.clientSecret);
    expect(exported).not.toMatch(/Bearer|eyJ|https?:\/\/|\$filter|\?/);
  });
});

describe('OpenTelemetry when Microsoft throttles the bot', () => {
  it('then the call span says throttled with its retries, every attempt is a failed-attempt event with its ids, and 429s are counted by service', async () => {
    const otel = inMemoryTelemetry();
    const bot = await createTestBot({ telemetry: otel.telemetry, simConfig: { bap: { random429Rate: 1, retryAfterSeconds: 0 }, graph: { random429Rate: 1, retryAfterSeconds: 0 } } });
    try {
      await bot.send('environments', { from: ADMIN });
      await bot.send('check Jane Doe in UAT', { from: HELPDESK });
      const spans = await otel.spans();
      const metrics = await otel.metrics();
      const [environments, diagnose] = spans.filter((s) => s.kind === SpanKind.SERVER);
      expect(environments).toMatchObject({ name: 'command environments', status: { code: SpanStatusCode.ERROR } });
      expect(environments?.attributes).toMatchObject({ outcome: 'failed', 'error.code': expect.stringMatching(/^[a-z_]+\.[a-z_.]+$/) });

      // BAP: our own client retries (the harness allows 2 retries).
      const [bap] = childrenOf(spans, environments as ReadableSpan);
      expect(bap?.attributes).toMatchObject({ 'http.response.status_code': 429, 'http.request.resend_count': 2, 'outbound.throttled': true, 'error.type': '429' });
      expect(bap?.status.code).toBe(SpanStatusCode.ERROR);
      expect(bap?.events.map((e) => [e.name, e.attributes?.['http.response.status_code']])).toEqual([['outbound.attempt_failed', 429], ['outbound.attempt_failed', 429], ['outbound.attempt_failed', 429]]);

      // Graph: the library's RetryHandler retries inside the same call span.
      const graphCalls = childrenOf(spans, diagnose as ReadableSpan).filter((s) => s.attributes.surface === 'graph');
      expect(graphCalls.length).toBeGreaterThan(0);
      for (const graph of graphCalls) {
        expect(graph.attributes).toMatchObject({ 'http.response.status_code': 429, 'http.request.resend_count': 2, 'outbound.throttled': true });
        expect(graph.events).toHaveLength(3);
        for (const event of graph.events) expect(event.attributes?.['outbound.request_id']).toMatch(GUID);
        expect(new Set(graph.events.map((e) => e.attributes?.['outbound.client_request_id'])).size).toBe(3);
      }

      const stats = bot.sim.stats();
      expect(stats.traceContext.bap.withTraceparent).toBe(3);
      expect(stats.traceContext.bap.recent).toEqual([traceparentOf(bap as ReadableSpan), traceparentOf(bap as ReadableSpan), traceparentOf(bap as ReadableSpan)]);
      expect(sumOf(metrics.get('outbound.throttled'), { surface: 'bap' })).toBe(stats.throttled429.bap);
      expect(sumOf(metrics.get('outbound.throttled'), { surface: 'graph' })).toBe(3 * graphCalls.length);
      expect(sumOf(metrics.get('outbound.requests'), { surface: 'bap', 'http.response.status_code': 429 })).toBe(3);
    } finally {
      await bot.close();
      await otel.close();
    }
  });

  it('then a failed call is logged with its request ids and its span, and never its URL', async () => {
    const otel = inMemoryTelemetry();
    const bot = await createTestBot({ telemetry: otel.telemetry, captureLogs: true, simConfig: { dataverse: { random503Rate: 1, retryAfterSeconds: 0 } } });
    try {
      await bot.send('check Jane Doe in UAT', { from: HELPDESK });
      const spans = await otel.spans();
      const failures = bot.logs.filter((line) => line.msg === 'Microsoft call failed' && line.service === 'dataverse' && line.operation === 'GET systemusers');
      const call = clientSpans(spans).find((s) => s.name === 'GET systemusers');
      expect(call?.attributes).toMatchObject({ 'http.response.status_code': 503, 'http.request.resend_count': 2, 'error.type': '503' });
      expect(failures.map((line) => line.attempt)).toEqual([0, 1, 2]);
      for (const line of failures) {
        expect(line).toMatchObject({ level: 40, status: 503, serviceRequestId: expect.stringMatching(/^[0-9a-f-]{36},[0-9a-f-]{36}$/) });
        expect([line.trace_id, line.span_id]).toEqual([call?.spanContext().traceId, call?.spanContext().spanId]);
      }
      const recorded = call?.events.map((e) => e.attributes?.['outbound.service_request_id']);
      expect(failures.map((line) => line.serviceRequestId)).toEqual(recorded);
      expect(JSON.stringify(failures)).not.toMatch(/https?:|\$filter|jane/i);
    } finally {
      await bot.close();
      await otel.close();
    }
  });
});
