import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { MetricStore } from './metric-store';
import { encodeMetrics, encodeTraces, SPAN_KIND, type FinishedSpan, type Scope } from './otlp-encoding';
import { postOtlp } from './otlp-post';
import { isSafeName, safeAttributes } from './safe-attributes';
import type { Attributes, SpanHandle, SpanStatus, Telemetry } from './telemetry';

export interface OtlpTelemetryOptions {
  /** OTLP/HTTP base URL, e.g. http://localhost:4318; `/v1/traces` and `/v1/metrics` are appended. */
  endpoint: string;
  serviceName: string;
  serviceVersion?: string;
  log: Logger;
  /** How often queued spans and changed metrics are sent (default 10 s). */
  exportIntervalMs?: number;
  /** Spans kept while waiting for the next export; the oldest are dropped (and counted) beyond it. */
  maxQueuedSpans?: number;
  /** Distinct metric series kept (name + attributes). */
  maxSeries?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const SPANS_PER_REQUEST = 512;
const DROPPED_SPANS: [string, string][] = [['telemetry.dropped', 'span']];

const nowNs = (): bigint => {
  const ms = performance.timeOrigin + performance.now();
  return BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.round((ms % 1) * 1_000_000));
};

/** Spans whose names start with these are the bot handling a request (SERVER); the rest are INTERNAL. */
const SERVER_SPANS = ['command ', 'action '];

/** Telemetry batched in memory and sent as OTLP/HTTP JSON on a timer and on shutdown. */
export function createOtlpTelemetry(options: OtlpTelemetryOptions): Telemetry {
  const { log } = options;
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const maxQueued = options.maxQueuedSpans ?? 2_048;
  const scope: Scope = {
    resource: [['service.name', options.serviceName], ...(options.serviceVersion ? [['service.version', options.serviceVersion] as [string, string]] : [])],
    scopeName: 'dataverse-access-bot',
    scopeVersion: options.serviceVersion ?? '0',
  };
  const metrics = new MetricStore(options.maxSeries ?? 1_000);
  const startNs = nowNs();
  let queue: FinishedSpan[] = [];
  let chain = Promise.resolve();
  let failing = false;
  let stopped = false;

  const post = (path: string, body: unknown) =>
    postOtlp(`${endpoint}${path}`, body, { fetch: options.fetch, timeoutMs: options.timeoutMs ?? 10_000 }).then((problem) => {
      if (problem && !failing) log.warn({ signal: path, problem }, 'could not export telemetry; this batch is dropped');
      if (!problem && failing) log.info({ signal: path }, 'telemetry export works again');
      failing = problem !== null;
      return problem === null;
    });

  async function exportNow(): Promise<void> {
    const spans = queue;
    queue = [];
    for (let i = 0; i < spans.length; i += SPANS_PER_REQUEST) {
      const batch = spans.slice(i, i + SPANS_PER_REQUEST);
      if (!(await post('/v1/traces', encodeTraces(scope, batch)))) metrics.add('telemetry.dropped', DROPPED_SPANS, batch.length);
    }
    if (!metrics.hasChanges) return;
    metrics.markExported();
    const { sums, histograms } = metrics.snapshot();
    await post('/v1/metrics', encodeMetrics(scope, sums, histograms, startNs, nowNs()));
  }

  let pending = 0;
  function flush(): Promise<void> {
    pending += 1;
    chain = chain
      .then(exportNow)
      .catch((error: unknown) => log.warn({ err: error }, 'telemetry export failed'))
      .finally(() => void (pending -= 1));
    return chain;
  }

  function finish(span: FinishedSpan): void {
    if (stopped) return;
    queue.push(span);
    if (queue.length > maxQueued) {
      queue.splice(0, queue.length - maxQueued);
      metrics.add('telemetry.dropped', DROPPED_SPANS, 1);
    }
  }

  // A collector that hangs must not pile up exports: the timer waits for the previous one.
  const timer = setInterval(() => {
    if (pending === 0) void flush();
  }, options.exportIntervalMs ?? 10_000);
  timer.unref();

  return {
    enabled: true,
    startSpan(name: string, attrs?: Attributes): SpanHandle {
      if (!isSafeName(name)) return { end: () => undefined };
      const startedNs = nowNs();
      let ended = false;
      return {
        end(status?: SpanStatus, endAttrs?: Attributes) {
          if (ended) return;
          ended = true;
          finish({
            traceId: randomBytes(16).toString('hex'),
            spanId: randomBytes(8).toString('hex'),
            name,
            kind: SERVER_SPANS.some((prefix) => name.startsWith(prefix)) ? SPAN_KIND.server : SPAN_KIND.internal,
            startNs: startedNs,
            endNs: nowNs(),
            attributes: safeAttributes({ ...attrs, ...endAttrs }),
            status: status ?? 'unset',
          });
        },
      };
    },
    count(name, value, attrs) {
      if (isSafeName(name) && Number.isFinite(value) && value > 0) metrics.add(name, safeAttributes(attrs), value);
    },
    recordDuration(name, ms, attrs) {
      if (isSafeName(name) && Number.isFinite(ms) && ms >= 0) metrics.record(name, safeAttributes(attrs), ms);
    },
    flush,
    async shutdown() {
      clearInterval(timer);
      await flush();
      stopped = true;
    },
  };
}
