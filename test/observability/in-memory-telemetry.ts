import type { Attributes } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, InMemoryMetricExporter, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { startSdkPipeline } from '../../src/observability/sdk-pipeline';
import type { Telemetry } from '../../src/observability/telemetry';

/**
 * The bot's real SDK pipeline (src/observability/sdk-pipeline.ts) with the SDK's in-memory
 * exporters in place of OTLP: what would be exported, as the SDK hands it to an exporter.
 */
export interface InMemoryTelemetry {
  readonly telemetry: Telemetry;
  /** Every span ended so far (after a flush). */
  spans(): Promise<ReadableSpan[]>;
  /** The metrics of a fresh collection (cumulative: everything since start), by name. */
  metrics(): Promise<Map<string, MetricData>>;
  close(): Promise<void>;
}

export function inMemoryTelemetry(serviceName = 'access-bot-under-test'): InMemoryTelemetry {
  const spanExporter = new InMemorySpanExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const telemetry = startSdkPipeline({ serviceName, serviceVersion: '0.0.0-test', spanExporter, metricExporter, log: pino({ level: 'silent' }), exportIntervalMs: 3_600_000 });
  return {
    telemetry,
    async spans() {
      await telemetry.flush();
      return spanExporter.getFinishedSpans();
    },
    async metrics() {
      await telemetry.flush();
      const latest = metricExporter.getMetrics().at(-1);
      const all = (latest?.scopeMetrics ?? []).flatMap((scope) => scope.metrics);
      return new Map(all.map((metric) => [metric.descriptor.name, metric]));
    },
    close: () => telemetry.shutdown(),
  };
}

const matches = (attributes: Attributes, match: Attributes) => Object.entries(match).every(([key, value]) => attributes[key] === value);

/** Sum of a counter's (or gauge's) points whose attributes include `match`. */
export function sumOf(metric: MetricData | undefined, match: Attributes = {}): number {
  if (!metric || metric.dataPointType === DataPointType.HISTOGRAM || metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) return 0;
  return metric.dataPoints.filter((p) => matches(p.attributes, match)).reduce((total, p) => total + (p.value as number), 0);
}

/** Points of a histogram whose attributes include `match`. */
export function histogramPoints(metric: MetricData | undefined, match: Attributes = {}): (Histogram & { attributes: Attributes })[] {
  if (metric?.dataPointType !== DataPointType.HISTOGRAM) return [];
  return metric.dataPoints.filter((p) => matches(p.attributes, match)).map((p) => ({ ...p.value, attributes: p.attributes }));
}

/** Every string an exporter would see for a span: name, attributes, events with theirs, resource. */
export function exportedText(spans: readonly ReadableSpan[], metrics: Iterable<MetricData>): string {
  return JSON.stringify({
    spans: spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })), resource: s.resource.attributes })),
    metrics: [...metrics].map((m) => ({ name: m.descriptor.name, points: m.dataPoints.map((p) => p.attributes) })),
  });
}

/** `00-{trace id}-{span id}-{flags}` as the W3C propagator writes it for a span. */
export const traceparentOf = (span: ReadableSpan): string => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-0${span.spanContext().traceFlags.toString(16)}`;
